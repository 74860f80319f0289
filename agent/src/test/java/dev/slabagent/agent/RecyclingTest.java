package dev.slabagent.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.slabagent.runtime.SlabCache;
import dev.slabagent.runtime.SlabRegistry;
import fixture.pool.Packet;
import fixture.pool.Router;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A recycled object equals a fresh one on every field; release guards and exits work as configured. */
class RecyclingTest {

    /** The packet cache's config, with {@code extra} keys appended. */
    static String packetConfig(String strategy, String extra) {
        return """
                slab.packet.class=fixture.pool.Packet
                slab.packet.release=fixture.pool.Router#stop:0
                slab.packet.when=ref==0
                slab.packet.capacity=64
                slab.packet.strategy=%s
                sites=fixture.pool
                %s
                """.formatted(strategy, extra);
    }

    @AfterEach
    void uninstall() {
        AgentInstaller.uninstall();
    }

    @Test
    void recycledPacketEqualsFreshOneWithoutPreserve() throws Exception {
        install("");
        Packet used = dirtyAndRelease(Router.open(7, 2.5));
        List<String> oldCallbacks = used.callbacks;
        int[] oldSlots = used.slots;

        Packet recycled = Router.open(9);
        assertSame(used, recycled, "the released packet is reused");
        FieldState.assertSameState(new Packet(9), recycled);
        assertNotSame(oldCallbacks, recycled.callbacks, "without preserve the constructor re-creates the list");
        assertNotSame(oldSlots, recycled.slots);
        assertEquals(1, cache().stats().hits());
    }

    @Test
    void recycledPacketEqualsFreshOneWithPreserve() throws Exception {
        install("slab.packet.preserve=callbacks,slots");
        Packet used = dirtyAndRelease(Router.open(7, 2.5));
        List<String> oldCallbacks = used.callbacks;
        int[] oldSlots = used.slots;

        Packet recycled = Router.open(11, 4.0);
        assertSame(used, recycled);
        FieldState.assertSameState(new Packet(11, 4.0), recycled);
        assertSame(oldCallbacks, recycled.callbacks, "a preserved list is kept (cleared), not re-created");
        assertSame(oldSlots, recycled.slots, "a preserved array is kept (zero-filled)");
    }

    @Test
    void preservedFieldReplacedByTheProgramIsCreatedAgain() throws Exception {
        install("slab.packet.preserve=callbacks");
        Packet used = Router.open(1);
        used.callbacks = List.of("immutable");
        used.ref = 1;
        Router.stop(used);
        Packet recycled = Router.open(2);
        assertSame(used, recycled);
        FieldState.assertSameState(new Packet(2), recycled);
    }

    @Test
    void nestedReferencesFreeOnlyAtTheOutermostStop() {
        install("");
        Packet p = Router.open(3);
        Router.start(p);
        Router.start(p);
        Router.start(p);
        long frees = cache().stats().frees();
        Router.stop(p);
        Router.stop(p);
        assertEquals(frees, cache().stats().frees(), "inner stops do not free");
        Router.stop(p);
        assertEquals(frees + 1, cache().stats().frees(), "the outermost stop frees");
        assertSame(p, Router.open(4));
    }

    @Test
    void exceptionalExitOfTheReleaseMethodFreesToo() {
        install("");
        Packet p = Router.open(5);
        p.ref = 1;
        long frees = cache().stats().frees();
        assertThrows(IllegalStateException.class, () -> Router.stop(p, true));
        assertEquals(frees + 1, cache().stats().frees());
        assertSame(p, Router.open(6));
    }

    @Test
    void switchedOffCacheRestoresPlainNew() throws Exception {
        install("");
        assertEquals(true, AgentInstaller.disable("packet"));
        byte[] original = TestAgent.currentClassFile(Router.class);
        assertEquals(List.of("open(J)Lfixture/pool/Packet;", "open(JD)Lfixture/pool/Packet;"),
                TestAgent.methodsWithNew(original, "fixture/pool/Packet"));
        Packet p = Router.open(1);
        Router.stop(p);
        assertNotSame(p, Router.open(1), "a switched-off cache recycles nothing");
        assertEquals(true, AgentInstaller.enable("packet"));
        assertEquals(List.of(), TestAgent.methodsWithNew(TestAgent.currentClassFile(Router.class), "fixture/pool/Packet"));
        assertEquals(false, AgentInstaller.enable("nosuchcache"));
    }

    private static void install(String extra) {
        Installation installed = TestAgent.install(packetConfig("locked", extra));
        assertEquals(List.of(), installed.problems());
        assertEquals(List.of("packet"), installed.activated());
    }

    private static SlabCache cache() {
        return SlabRegistry.get("packet");
    }

    /** Changes every field of {@code p}, then releases it. */
    private static Packet dirtyAndRelease(Packet p) {
        p.callbacks.add("used");
        p.label = "changed";
        p.slots[2] = 9;
        p.weight = -1;
        p.ready = false;
        p.owner = 5;
        p.ref = 1;
        Router.stop(p);
        return p;
    }
}
