package dev.slabagent.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slabagent.runtime.SlabCache;
import dev.slabagent.runtime.SlabRegistry;
import fixture.chain.Chains;
import fixture.chain.Note;
import fixture.pool.Packet;
import fixture.pool.Router;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A stand-in that a live cache keeps in a sampled release's place already holds the preserved objects its class's
 * constructors create (the reinit part's {@code prepare}), so that no hit runs the reset's "make it again" branch;
 * every other field is at its default. {@code sample=1} makes every release a sample, so the cache holds stand-ins
 * only; they are taken from it raw, without the reinit a site runs.
 */
class StandInPreparationTest {

    @AfterEach
    void uninstall() {
        TestAgent.installer().uninstall();
    }

    @ParameterizedTest
    @ValueSource(strings = {"magazine", "locked"})
    void aStandInHoldsThePreservedObjectsOfItsClass(String strategy) throws Exception {
        Installation installed = TestAgent.install(RecyclingTest.packetConfig(strategy,
                "slab.packet.verify=0\nslab.packet.sample=1\nslab.packet.preserve=callbacks,slots,attributes"));
        assertEquals(List.of(), installed.problems());
        releaseOnePacket();

        Packet standIn = (Packet) cache("packet").allocate();
        assertNull(standIn.label, "not the sample (its label was set), a stand-in: fields not preserved at their defaults");
        assertInstanceOf(ArrayList.class, standIn.callbacks);
        assertTrue(standIn.callbacks.isEmpty());
        assertInstanceOf(HashMap.class, standIn.attributes);
        assertTrue(standIn.attributes.isEmpty());
        assertEquals(new Packet(0).slots.length, standIn.slots.length);
        assertEquals(0, standIn.ref);
    }

    @ParameterizedTest
    @ValueSource(strings = {"magazine", "locked"})
    void aStandInHoldsItsSuperclassesPreservedObjectsToo(String strategy) throws Exception {
        Installation installed = TestAgent.install("""
                slab.note.class=fixture.chain.Note
                slab.note.release=fixture.chain.Chains#done:0
                slab.note.strategy=%s
                slab.note.preserve=tags,counts
                slab.note.verify=0
                slab.note.sample=1
                sites=fixture.chain
                """.formatted(strategy));
        assertEquals(List.of(), installed.problems());
        Chains.done(Chains.note("first"));

        Note standIn = (Note) cache("note").allocate();
        assertNull(standIn.text, "not the sample, a stand-in");
        assertInstanceOf(ArrayList.class, standIn.tags(), "the superclass's part prepared its list");
        assertTrue(standIn.tags().isEmpty());
        assertInstanceOf(HashMap.class, standIn.counts(), "the class's own part prepared its map");
        assertTrue(standIn.counts().isEmpty());

        Note reused = Chains.note("second");
        assertEquals(List.of("new"), reused.tags(), "a hit on a prepared stand-in is a fresh note");
        assertEquals(1, reused.counts().get("second"));
    }

    /** Releases one packet, holding nothing of it after (the verifier judges a sample still held a hazard). */
    private static void releaseOnePacket() {
        Packet p = Router.open(1, 2.5);
        p.ref = 1;
        Router.stop(p);
    }

    private static SlabCache cache(String name) {
        return SlabRegistry.get(name);
    }
}
