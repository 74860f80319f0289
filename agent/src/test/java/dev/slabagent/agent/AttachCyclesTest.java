package dev.slabagent.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.slabagent.runtime.SlabRegistry;
import dev.slabagent.runtime.alloc.Linkage;
import fixture.pool.Packet;
import fixture.pool.Router;
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
