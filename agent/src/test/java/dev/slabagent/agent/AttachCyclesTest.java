package dev.slabagent.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.slabagent.runtime.SlabCache;
import dev.slabagent.runtime.SlabRegistry;
import dev.slabagent.runtime.SlabStats;
import dev.slabagent.runtime.alloc.Linkage;
import dev.slabagent.runtime.verify.Verification;
import fixture.pool.Packet;
import fixture.pool.Router;
import java.lang.ref.WeakReference;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Installing and uninstalling a config again and again leaves nothing behind and restores the classes each time. */
class AttachCyclesTest {

    private static final String CONFIG = """
            slab.packet.class=fixture.pool.Packet
            slab.packet.release=fixture.pool.Router#stop:0
            slab.packet.when=ref==0
            slab.packet.verify=0
            slab.packet.sample=0
            sites=fixture.pool
            """;

    private static final List<String> ORIGINAL_SITES = List.of("open(J)Lfixture/pool/Packet;", "open(JD)Lfixture/pool/Packet;");

    @AfterEach
    void uninstall() {
        TestAgent.installer().uninstall();
    }

    @Test
    void twentyCyclesGrowNoTableAndEachDetachRestoresTheOriginalBytecode() throws Exception {
        cycle();
        Linkage linkage = TestAgent.installer().linkage();
        int releaseIds = linkage.releases().tableSize();
        int caches = SlabRegistry.all().size();
        for (int i = 0; i < 20; i++) {
            cycle();
            assertEquals(releaseIds, linkage.releases().tableSize(), "release ids are reused, cycle " + i);
            assertEquals(0, linkage.sites().bound(), "site bindings left after the detach, cycle " + i);
            assertEquals(caches, SlabRegistry.all().size(), "registered caches, cycle " + i);
        }
    }

    /**
     * A re-attach lets the replaced cache go, also one still verifying its release rule (the collector's ticks judge
     * verifying caches) and whose sites and release point the rewritten code has linked.
     */
    @Test
    void aReplacedCacheIsNotKeptAlive() throws Exception {
        Installation installed = TestAgent.install(CONFIG.replace("slab.packet.verify=0\n", "slab.packet.verify=1000\n"));
        assertEquals(List.of("packet"), installed.activated());
        for (int i = 0; i < 100; i++) {
            Packet p = Router.open(i);
            p.ref = 1;
            Router.stop(p);
        }
        WeakReference<SlabCache> replaced = new WeakReference<>(SlabRegistry.get("packet"));
        assertEquals(Verification.State.VERIFYING, replaced.get().verification().state());
        TestAgent.install(CONFIG);
        for (int i = 0; i < 50 && replaced.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertNull(replaced.get(), "the replaced cache is still reachable");
    }

    /** A detached cache reads as off with no hazard (slabinfo, MBean, exit report), not as one a hazard switched off. */
    @Test
    void aDetachedCacheIsOffWithoutAHazard() {
        TestAgent.install(CONFIG.replace("slab.packet.verify=0\n", "slab.packet.verify=1000\n"));
        SlabCache cache = SlabRegistry.get("packet");
        assertEquals("verifying", cache.stats().state());
        TestAgent.installer().uninstall();
        SlabStats stats = cache.stats();
        assertEquals("off", stats.state());
        assertEquals(0, stats.hazards());
    }

    /** One install, a round trip through the cache, and the uninstall that gives Router its own bytecode back. */
    private static void cycle() throws Exception {
        Installation installed = TestAgent.install(CONFIG);
        assertEquals(List.of("packet"), installed.activated());
        Packet p = Router.open(1);
        p.ref = 1;
        Router.stop(p);
        assertSame(p, Router.open(2), "the cache works in every cycle");
        TestAgent.installer().uninstall();
        assertEquals(ORIGINAL_SITES, TestAgent.methodsWithNew(TestAgent.currentClassFile(Router.class), "fixture/pool/Packet"));
        Packet q = Router.open(3);
        q.ref = 1;
        Router.stop(q);
        assertNotSame(q, Router.open(4), "detached: plain new");
    }
}
