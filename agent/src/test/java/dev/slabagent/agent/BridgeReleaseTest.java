package dev.slabagent.agent;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import dev.slabagent.runtime.SlabCache;
import dev.slabagent.runtime.SlabRegistry;
import fixture.bridge.Part;
import fixture.bridge.PartSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A release method that implements a generic interface has a bridge method that calls it: only the method itself
 * releases, so a call through the interface releases once (with both rewritten, it released twice: a refused double
 * free, a hazard when live, an exception with {@code debug=fail}).
 */
class BridgeReleaseTest {

    @AfterEach
    void uninstall() {
        TestAgent.installer().uninstall();
    }

    @Test
    void aReleaseThroughTheBridgeReleasesOnce() {
        install("");
        SlabCache cache = SlabRegistry.get("part");
        for (int i = 0; i < 100; i++) {
            PartSink.releaseThroughInterface(PartSink.make(i));
        }
        Part a = PartSink.make(1000);
        Part b = PartSink.make(1001);
        assertNotSame(a, b, "one object handed out twice");
        assertEquals(0, cache.refusedFrees(), "a double free refused");
        assertEquals(100, cache.stats().frees());
        assertEquals(100, cache.stats().hits(), "each allocation but the first and the last reused an object");
    }

    @Test
    void aFailingDebuggerSeesNoDoubleFreeThroughTheBridge() {
        install("debug=fail\n");
        for (int i = 0; i < 10; i++) {
            Part p = PartSink.make(i);
            assertDoesNotThrow(() -> PartSink.releaseThroughInterface(p));
        }
        assertEquals(0, SlabRegistry.get("part").stats().debug().doubleFrees());
    }

    /** A live cache of {@code Part} released by {@code PartSink#release}, with {@code more} config lines. */
    private static void install(String more) {
        TestAgent.install("""
                slab.part.class=fixture.bridge.Part
                slab.part.release=fixture.bridge.PartSink#release:0
                slab.part.verify=0
                slab.part.sample=0
                sites=fixture.bridge
                """ + more);
    }
}
