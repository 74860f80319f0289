package dev.slabagent.demo.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.slabagent.demo.run.WorkloadReport;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesTest {

    private static Series of(double... usPerWrite) {
        return new Series(Arrays.stream(usPerWrite)
                .mapToObj(us -> new WorkloadReport(100, 1, us, 1, 0, 0, 0, List.of())).toList());
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, of(3.0, 1.0, 2.0).usPerWrite());
        assertEquals(2.5, of(4.0, 1.0, 2.0, 3.0).usPerWrite());
    }

    @Test
    void rangeAndHalfRange() {
        Series series = of(1.0, 2.0, 1.5);
        assertEquals(1.0, series.min(WorkloadReport::usPerWrite));
        assertEquals(2.0, series.max(WorkloadReport::usPerWrite));
        assertEquals(0.5, series.halfRange(WorkloadReport::usPerWrite));
        assertEquals(0.0, of(7.0).halfRange(WorkloadReport::usPerWrite));
    }

    @Test
    void anEmptySeriesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Series(List.of()));
    }
}
