package dev.slabagent.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slabagent.runtime.SlabCache;
import dev.slabagent.runtime.SlabRegistry;
import fixture.exits.Exits;
import fixture.exits.Other;
import fixture.exits.Token;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The release call inserted at the exits of release methods ({@code ReleaseExits}), on methods of every shape the
 * inserter has to get right: the object the method was called with is freed exactly once per call, and the method
 * returns and throws what it did without the agent. The JVM verifies each rewritten class (its stack map frames
 * included) when it loads or retransforms it: a frame the inserter got wrong fails the test.
 */
class ReleaseExitsTest {

    @AfterEach
    void uninstall() {
        TestAgent.installer().uninstall();
    }

    @Test
    void theArgumentTheMethodWasCalledWithIsReleasedThoughItReassignsIt() {
        SlabCache cache = install("reassigns:0", "");
        releases(cache, t -> {
            Exits.reassigns(t);
            return null;
        });
    }

    @Test
    void wideArgumentsAroundTheReleasedOneAndALongResult() {
        SlabCache cache = install("wide:2", "");
        long sum = releases(cache, t -> Exits.wide(1L, 2.0, t, 3));
        assertEquals(1L + 2 + 3 + 1, sum);
    }

    @Test
    void aWideResultInTheLastSlotOfTheFrameTypesFirstArray() {
        SlabCache cache = install("manyArgs:0", "");
        assertEquals(8.0, releases(cache, t -> Exits.manyArgs(t, 5, 6, 0, 0, 0, 0, 0, 0, 3)));
        assertEquals(6.0, releases(cache, t -> Exits.manyArgs(t, 5, 6, 0, 0, 0, 0, 0, 0, 0)));
    }

    @Test
    void aMethodThatNeverReturnsReleasesOnlyWhenItThrowsWithOnthrowFree() {
        SlabCache cache = install("spins:0", "");
        Token kept = Exits.make();
        assertEquals("spun -2", assertThrows(IllegalStateException.class, () -> Exits.spins(kept, 0)).getMessage());
        assertEquals(0, cache.stats().frees());
        TestAgent.installer().uninstall();
        SlabCache freeing = install("spins:0", "slab.token.onthrow=free\n");
        assertEquals("spun -2", releases(freeing, t -> assertThrows(IllegalStateException.class,
                () -> Exits.spins(t, 0))).getMessage());
    }

    @Test
    void withDebugFailADoubleFreeReachesTheCallerAtAReturnAndReplacesTheExceptionAtAThrow() {
        install("doubles:0", "debug=fail\n");
        Token t = Exits.make();
        assertEquals(4.0, Exits.doubles(t, 2.0));
        assertThrows(IllegalStateException.class, () -> Exits.doubles(t, 2.0), "a double free at a return");
        TestAgent.installer().uninstall();
        install("throwsAlways:0", "debug=fail\nslab.token.onthrow=free\n");
        Token u = Exits.make();
        assertThrows(IllegalArgumentException.class, () -> Exits.throwsAlways(u));
        assertThrows(IllegalStateException.class, () -> Exits.throwsAlways(u), "a double free at a throw");
    }

    @Test
    void everyReturnOfADoubleReleases() {
        SlabCache cache = install("doubles:0", "");
        assertEquals(4.0, releases(cache, t -> Exits.doubles(t, 2.0)));
        assertEquals(0.0, releases(cache, t -> Exits.doubles(t, -200.0)));
        assertEquals(5.0, releases(cache, t -> Exits.doubles(t, -5.0)));
    }

    @Test
    void anExceptionTheMethodCatchesItselfIsANormalReturnEvenWithOnthrowFree() {
        SlabCache cache = install("caught:0", "slab.token.onthrow=free\n");
        Exits exits = new Exits();
        assertEquals("n3", releases(cache, t -> exits.caught(t, 3)));
        assertEquals("zero", releases(cache, t -> exits.caught(t, 0)));
        assertEquals(2, exits.finallyRuns);
    }

    @Test
    void anArrayResultFromInsideALoop() {
        SlabCache cache = install("array:0", "");
        Exits exits = new Exits();
        assertArrayEquals(new int[] {0, 1, 2}, releases(cache, t -> exits.array(t, 3)));
        assertNull(releases(cache, t -> exits.array(t, 10)));
    }

    @Test
    void aLoopAtTheFirstInstruction() {
        SlabCache cache = install("loops:0", "");
        assertTrue(releases(cache, t -> Exits.loops(t, 3)).booleanValue());
        assertFalse(releases(cache, t -> Exits.loops(t, 10)).booleanValue());
    }

    @Test
    void anExitByExceptionKeepsTheObjectByDefaultAndThrowsTheSameException() {
        SlabCache cache = install("throwsAlways:0", "");
        Token t = Exits.make();
        long frees = cache.stats().frees();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Exits.throwsAlways(t));
        assertEquals("always 0", e.getMessage());
        assertEquals(frees, cache.stats().frees(), "onthrow=keep: nothing freed");
        assertNotSame(t, Exits.make());
    }

    @Test
    void withOnthrowFreeAnExitByExceptionReleasesAndRethrowsTheSameException() {
        SlabCache cache = install("throwsAlways:0", "slab.token.onthrow=free\n");
        IllegalArgumentException e = releases(cache, t -> assertThrows(IllegalArgumentException.class,
                () -> Exits.throwsAlways(t)));
        assertEquals("always 0", e.getMessage());
        assertEquals(Exits.class.getName(), e.getStackTrace()[0].getClassName(), "thrown where it was, not rethrown anew");
    }

    @Test
    void twoCachesReleasingAtOneMethodEachFreeTheirOwnArgumentOnce() {
        TestAgent.install("""
                slab.token.class=fixture.exits.Token
                slab.token.release=fixture.exits.Exits#both:0
                slab.other.class=fixture.exits.Other
                slab.other.release=fixture.exits.Exits#both:1
                sites=fixture.exits
                """);
        SlabCache tokens = SlabRegistry.get("token");
        SlabCache others = SlabRegistry.get("other");
        for (int i = 0; i < 20; i++) {
            Token t = Exits.make();
            Other o = Exits.makeOther();
            assertEquals(12, Exits.both(t, o));
            assertSame(t, Exits.make());
            assertSame(o, Exits.makeOther());
            Exits.both(t, o);
        }
        assertEquals(40, tokens.stats().frees());
        assertEquals(40, others.stats().frees());
        assertEquals(0, tokens.refusedFrees() + others.refusedFrees(), "a double free refused");
    }

    @Test
    void theReceiverReleasedByItsOwnMethod() {
        TestAgent.install("""
                slab.token.class=fixture.exits.Token
                slab.token.release=fixture.exits.Token#close:this
                sites=fixture.exits
                """);
        SlabCache cache = SlabRegistry.get("token");
        releases(cache, t -> {
            t.close();
            return null;
        });
    }

    @Test
    void aSynchronizedMethodReleasesAndLeavesItsMonitorFree() throws Exception {
        SlabCache cache = install("synced:0", "");
        Exits exits = new Exits();
        assertSame(exits, releases(cache, t -> exits.synced(t)));
        Thread other = new Thread(() -> exits.synced(Exits.make()));
        other.start();
        other.join(10_000);
        assertFalse(other.isAlive(), "the monitor was left held");
    }

    /** A live cache of {@code Token} released at {@code Exits#RELEASE}, with {@code more} config lines. */
    private static SlabCache install(String release, String more) {
        TestAgent.install("slab.token.class=fixture.exits.Token\nslab.token.release=fixture.exits.Exits#" + release
                + "\nsites=fixture.exits\n" + more);
        return SlabRegistry.get("token");
    }

    /**
     * Calls a release method with a new token: exactly that token is freed, once (the next allocation hands it out
     * again, the one after is another).
     */
    private static <R> R releases(SlabCache cache, Function<Token, R> call) {
        Token t = Exits.make();
        long frees = cache.stats().frees();
        R result = call.apply(t);
        assertEquals(frees + 1, cache.stats().frees(), "one free per call");
        Token again = Exits.make();
        assertSame(t, again, "the token the method was called with is the one freed");
        assertNotSame(again, Exits.make(), "freed once");
        return result;
    }
}
