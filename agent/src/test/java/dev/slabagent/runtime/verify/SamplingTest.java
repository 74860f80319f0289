package dev.slabagent.runtime.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.slabagent.runtime.SlabCache;
import dev.slabagent.runtime.Strategy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A live cache picks its samples on its own fast path, one release in {@code sample} counted down per stripe, and
 * keeps a stand-in in each sample's place; a stand-in is never a sample itself.
 */
class SamplingTest {

    /** A released object, numbered from 1; a stand-in's number is 0. */
    static final class Item {
        final int id;

        Item(int id) {
            this.id = id;
        }
    }

    @ParameterizedTest
    @CsvSource({"MAGAZINE, 4, 10", "LOCKED, 4, 10", "MAGAZINE, 1, 40", "LOCKED, 1, 40", "MAGAZINE, 0, 0", "LOCKED, 0, 0"})
    void oneReleaseInSampleIsTakenAndAStandInKeptInItsPlace(Strategy strategy, int sample, int standIns) {
        SlabCache cache = SlabCache.create("items", strategy, 1_000);
        Verification v = new Verification(cache, 0, sample, OnHazard.OFF);
        cache.verification(v);
        try {
            for (int i = 1; i <= 40; i++) {
                cache.free(new Item(i));
            }
            List<Item> back = new ArrayList<>();
            for (Object o; (o = cache.allocate()) != null; ) {
                back.add((Item) o);
            }
            assertEquals(40, back.size(), "every release, or a stand-in for it, is kept");
            assertEquals(standIns, back.stream().filter(item -> item.id == 0).count(), "stand-ins handed out");
            assertEquals(40, cache.stats().frees(), "frees counted, a stand-in's as its sample's");
            assertEquals(40, cache.stats().hits(), "no allocation missed behind a sample");
        } finally {
            v.retire();
        }
    }
}
