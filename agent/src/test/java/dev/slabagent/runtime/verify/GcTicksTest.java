package dev.slabagent.runtime.verify;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The judge's clock: a full collection counts against a released object only if it ran after the release. The
 * verifier's own thread notices collections late (after the reference handler), so a collection that ended just
 * before a release once counted as one after it, and an old-generation object nothing held was called a hazard.
 */
class GcTicksTest {

    @Test
    void aFullCollectionBeforeTheMarkNeverCountsOneAfterItDoes() {
        System.gc();
        long[] mark = GcTicks.fullMark();
        assertFalse(GcTicks.fullSince(mark), "the collection that ended before the mark counted as one after it");
        System.gc();
        assertTrue(GcTicks.fullSince(mark), "a full collection after the mark did not count");
    }
}
