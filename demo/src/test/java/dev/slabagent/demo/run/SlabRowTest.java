package dev.slabagent.demo.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlabRowTest {

    private static final String OUTPUT = String.join("\n",
            "some log line",
            "# name active_objs num_objs objsize allocs frees hits misses",
            "journal_handle 0 12 32 1000 1000 988 12",
            "buffer_head    1  2  40   10    9   8  2",
            "after the table 1 2 3 4 5 6 7",
            "# name active_objs num_objs objsize allocs frees hits misses",
            "journal_handle 0 12 32 2000 2000 1988 12",
            "");

    @Test
    void parsesEveryRowOfEveryTable() {
        List<SlabRow> rows = SlabRow.parseAll(OUTPUT);
        assertEquals(List.of(new SlabRow("journal_handle", 0, 12, 32, 1000, 1000, 988, 12),
                new SlabRow("buffer_head", 1, 2, 40, 10, 9, 8, 2),
                new SlabRow("journal_handle", 0, 12, 32, 2000, 2000, 1988, 12)), rows);
    }

    @Test
    void findTakesTheLastRowOfACache() {
        assertEquals(1988, SlabRow.find(OUTPUT, "journal_handle").orElseThrow().hits());
        assertEquals(Optional.empty(), SlabRow.find(OUTPUT, "absent"));
    }

    @Test
    void lastTableIsPrintedAsTheAgentWroteIt() {
        assertEquals(List.of(SlabRow.HEADER, "journal_handle 0 12 32 2000 2000 1988 12"), SlabRow.lastTable(OUTPUT));
    }

    @Test
    void linesWithoutAHeaderOrWithBadNumbersAreNotRows() {
        assertEquals(List.of(), SlabRow.parseAll("journal_handle 0 12 32 1000 1000 988 12"));
        assertEquals(List.of(), SlabRow.parseAll(SlabRow.HEADER + "\njournal_handle 0 12 32 1000 1000 -1 12"));
    }
}
