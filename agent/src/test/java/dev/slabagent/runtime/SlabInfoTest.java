package dev.slabagent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.slabagent.runtime.debug.DebugCounts;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlabInfoTest {

    @Test
    void formatsTheHeaderThenOneLinePerCache() {
        String table = SlabInfo.format(List.of(
                new SlabStats("journal_handle", 3, 67, 32, 1000, 997, 990, 10),
                new SlabStats("frozen", 0, 0, 4112, 0, 0, 0, 0)));
        assertEquals("# name active_objs num_objs objsize allocs frees hits misses\n"
                + "journal_handle 3 67 32 1000 997 990 10\n"
                + "frozen 0 0 4112 0 0 0 0\n", table);
    }

    @Test
    void withADebuggedCacheEveryLineHasTheThreeDebugColumns() {
        String table = SlabInfo.format(List.of(
                new SlabStats("journal_handle", 3, 67, 32, 1000, 997, 990, 10, new DebugCounts(1, 2, 3)),
                new SlabStats("frozen", 0, 0, 4112, 0, 0, 0, 0)));
        assertEquals("# name active_objs num_objs objsize allocs frees hits misses double_frees use_after_free leaked\n"
                + "journal_handle 3 67 32 1000 997 990 10 1 2 3\n"
                + "frozen 0 0 4112 0 0 0 0 0 0 0\n", table);
    }

    @Test
    void anEmptyTableIsTheHeaderAlone() {
        assertEquals(SlabInfo.HEADER + "\n", SlabInfo.format(List.of()));
    }

    @Test
    void strategiesParseAsTheConfigWritesThem() {
        assertEquals(Strategy.NEW, Strategy.parse("new"));
        assertEquals(Strategy.LOCKED, Strategy.parse(" Locked "));
        assertEquals(Strategy.MAGAZINE, Strategy.parse("MAGAZINE"));
        assertEquals("not one of new, locked, magazine: 'slub'",
                assertThrows(IllegalArgumentException.class, () -> Strategy.parse("slub")).getMessage());
    }

    @Test
    void aCacheNeedsACapacityOfAtLeastOne() {
        assertThrows(IllegalArgumentException.class, () -> SlabCache.create("zero", Strategy.LOCKED, 0));
    }
}
