package dev.slabagent.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slabagent.runtime.SlabCache;
import dev.slabagent.runtime.SlabRegistry;
import dev.slabagent.runtime.SlabStats;
import fixture.pool.Packet;
import fixture.pool.Router;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

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
        TestAgent.installer().uninstall();
    }

    @Test
    void recycledPacketEqualsFreshOneWithoutPreserve() throws Exception {
        install("");
        Released used = dirtyAndRelease(Router.open(7, 2.5));
        Packet recycled = Router.open(9);
        assertRecycled(used, new Packet(9), recycled);
        assertNotSame(used.callbacks(), recycled.callbacks, "without preserve the constructor re-creates the list");
        assertNotSame(used.slots(), recycled.slots);
        assertNotSame(used.attributes(), recycled.attributes);
        assertEquals(1, cache().stats().hits());
    }

    @Test
    void recycledPacketEqualsFreshOneWithPreserve() throws Exception {
        install("slab.packet.preserve=callbacks,slots,attributes");
        Released used = dirtyAndRelease(Router.open(7, 2.5));
        Packet recycled = Router.open(11, 4.0);
        assertRecycled(used, new Packet(11, 4.0), recycled);
        assertSame(used.callbacks(), recycled.callbacks, "a preserved list is kept (cleared), not re-created");
        assertSame(used.slots(), recycled.slots, "a preserved array is kept (zero-filled)");
        assertSame(used.attributes(), recycled.attributes, "a preserved map is kept (cleared), not re-created");
        assertEquals(Map.of("id", 11L), recycled.attributes, "cleared, then filled by the constructor's re-run");
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

    /**
     * A guard of several comparisons frees only when all hold; fields may be int, long, boolean or references. Run
     * through the release code's constant handle and, with slab debugging, through its dynamic one.
     */
    @ParameterizedTest(name = "[{index}] when={0}, ref={1} ready={2} label={3} owner={4}: frees={5}")
    @CsvSource(nullValues = "NULL", value = {
        "ref==0&&ready==true&&label!=null, 1, true,  x,    0, true",
        "ref==0&&ready==true&&label!=null, 1, false, x,    0, false",
        "ref==0&&ready==true&&label!=null, 1, true,  NULL, 0, false",
        "ref==0&&ready==true&&label!=null, 2, true,  x,    0, false",
        "ref == 0 && label == null,        1, true,  NULL, 0, true",
        "ref == 0 && label == null,        1, true,  x,    0, false",
        "ref<=0&&owner>=5,                 1, true,  x,    5, true",
        "ref<=0&&owner>=5,                 1, true,  x,    4, false"})
    void combinedGuardFreesOnlyWhenEveryComparisonHolds(String when, int ref, boolean ready, String label, long owner,
                                                       boolean frees) {
        for (String debug : List.of("off", "on")) {
            install("slab.packet.when=" + when + "\ndebug=" + debug);
            assertGuard(ref, ready, label, owner, frees);
            TestAgent.installer().uninstall();
        }
    }

    private static void assertGuard(int ref, boolean ready, String label, long owner, boolean frees) {
        Packet p = Router.open(8);
        p.ref = ref;
        p.ready = ready;
        p.label = label;
        p.owner = owner;
        long before = cache().stats().frees();
        Router.stop(p);
        assertEquals(before + (frees ? 1 : 0), cache().stats().frees());
        assertEquals(frees, p == Router.open(9), "the packet is reused only if it was freed");
    }

    /** An exit by exception frees only with {@code onthrow=free}; the default ({@code keep}, no key) frees nothing. */
    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"", "slab.packet.onthrow=keep", "slab.packet.onthrow=free"})
    void exceptionalExitOfTheReleaseMethodFreesOnlyWithOnThrowFree(String onThrow) {
        install(onThrow);
        boolean frees = onThrow.endsWith("free");
        Packet p = Router.open(5);
        p.ref = 1;
        long before = cache().stats().frees();
        assertThrows(IllegalStateException.class, () -> Router.stop(p, true));
        assertEquals(before + (frees ? 1 : 0), cache().stats().frees());
        assertEquals(frees, p == Router.open(6), "the packet is reused only if it was freed");
    }

    @Test
    void detachRestoresTheOriginalBytecode() throws Exception {
        install("");
        assertEquals(List.of(), TestAgent.methodsWithNew(TestAgent.currentClassFile(Router.class), "fixture/pool/Packet"));
        assertEquals(1, TestAgent.installer().uninstall(), "Router is retransformed back");
        assertEquals(List.of("open(J)Lfixture/pool/Packet;", "open(JD)Lfixture/pool/Packet;"),
                TestAgent.methodsWithNew(TestAgent.currentClassFile(Router.class), "fixture/pool/Packet"));
        Packet p = Router.open(1);
        p.ref = 1;
        Router.stop(p);
        assertNotSame(p, Router.open(1), "a detached cache recycles nothing");
    }

    /** Installs the packet cache; a {@code when=} line in {@code extra} replaces the default guard. */
    private static void install(String extra) {
        String config = packetConfig("locked", extra);
        if (extra.contains("slab.packet.when=")) {
            config = config.replace("slab.packet.when=ref==0\n", "");
        }
        Installation installed = TestAgent.install(config);
        assertEquals(List.of(), installed.problems());
        assertEquals(List.of("packet"), installed.activated());
    }

    /**
     * A live cache quarantines one release in {@code sample} for its verifier and frees a fresh stand-in of the class
     * in its place: the sample costs no miss, and what the stand-in serves equals a fresh object on every field,
     * preserved or not.
     */
    @ParameterizedTest(name = "[{index}] {0} ''{1}''")
    @CsvSource({"magazine,''", "magazine,'callbacks,slots,attributes'", "locked,''",
            "locked,'callbacks,slots,attributes'"})
    void aSampledReleaseLeavesAStandInSoTheCacheDoesNotMiss(String strategy, String preserve) throws Exception {
        int releases = 400;
        int sample = 4;
        Installation installed = TestAgent.install(packetConfig(strategy, "slab.packet.verify=0\nslab.packet.sample="
                + sample + (preserve.isEmpty() ? "" : "\nslab.packet.preserve=" + preserve)));
        assertEquals(List.of(), installed.problems());
        Set<Integer> handedOut = new HashSet<>();
        for (int i = 0; i < releases; i++) {
            Packet p = Router.open(i, 2.5);
            FieldState.assertSameState(new Packet(i, 2.5), p);
            handedOut.add(System.identityHashCode(p));
            dirtyAndRelease(p);
        }
        SlabStats stats = cache().stats();
        assertEquals(SlabStats.LIVE, stats.state());
        assertEquals(0, stats.hazards(), () -> "a clean rule was judged a hazard: " + stats);
        assertEquals(releases, stats.frees(), "a quarantined release counts as one free, its stand-in's none");
        assertTrue(stats.misses() <= 1, () -> "the samples made the cache miss: " + stats);
        assertTrue(handedOut.size() > releases / sample / 2, () -> "the samples were not taken out of use: "
                + handedOut.size() + " objects handed out");
    }

    private static SlabCache cache() {
        return SlabRegistry.get("packet");
    }

    /** A released packet and the objects its fields held when it was released. */
    private record Released(Packet packet, List<String> callbacks, int[] slots, Map<String, Long> attributes) {
    }

    /** Changes every field of {@code p}, then releases it. */
    private static Released dirtyAndRelease(Packet p) {
        p.callbacks.add("used");
        p.attributes.put("used", 1L);
        p.label = "changed";
        p.slots[2] = 9;
        p.weight = -1;
        p.ready = false;
        p.owner = 5;
        p.ref = 1;
        Router.stop(p);
        return new Released(p, p.callbacks, p.slots, p.attributes);
    }

    /** The packet came back from the cache, equal on every field to a fresh one. */
    private static void assertRecycled(Released used, Packet fresh, Packet recycled) throws ReflectiveOperationException {
        assertSame(used.packet(), recycled, "the released packet is reused");
        FieldState.assertSameState(fresh, recycled);
    }
}
