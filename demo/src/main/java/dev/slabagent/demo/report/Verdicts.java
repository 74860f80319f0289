package dev.slabagent.demo.report;

import java.util.Locale;
import java.util.function.Function;

/** The wording of a target's verdict, from a measured figure, its interval and the limit. */
final class Verdicts {
    private Verdicts() {
    }

    /** A time ratio against a limit (e.g. 1.00 for "no slower than the baseline"). */
    static String ratio(Metric.Ratio ratio, double limit) {
        return verdict(ratio.value(), ratio.low(), ratio.high(), limit, "ratio " + fixed(ratio.value()) + " ["
                + fixed(ratio.low()) + ", " + fixed(ratio.high()) + "], limit " + fixed(limit), Verdicts::fixed);
    }

    /** A time per operation against a limit in the same unit. */
    static String limit(Metric time, double limit) {
        return verdict(time.score(), time.low(), time.high(), limit, MarkdownTable.withError(time) + " " + time.unit()
                + ", limit " + MarkdownTable.number(limit), MarkdownTable::number);
    }

    /**
     * A drop in B/op against the bytes it should at least remove.
     *
     * @param drop the measured drop
     * @param error the drop's error (both scores' errors added)
     * @param needed the bytes the drop must reach; 0 or less when nothing was pooled
     * @param what what {@code needed} is, for the text
     */
    static String bytesDrop(double drop, double error, double needed, String what) {
        String figures = "B/op drop " + MarkdownTable.number(drop) + " ± " + MarkdownTable.number(error) + " vs "
                + what + " " + MarkdownTable.number(needed) + " B";
        if (needed <= 0) {
            return "**not measured**: no cache hits (" + figures + ")";
        }
        if (drop >= needed) {
            return "met (" + figures + ")";
        }
        if (drop + error >= needed) {
            return "met within error: " + MarkdownTable.number(needed - drop) + " B short, inside the error ("
                    + figures + ")";
        }
        return "**missed** by " + MarkdownTable.number(needed - drop - error) + " B beyond the error (" + figures + ")";
    }

    /**
     * Met when the whole interval is within the limit; met by the point estimate only when the interval crosses it; not
     * shown when the mean is above it but the interval reaches it; missed (by how much at the interval's low
     * end) otherwise.
     */
    private static String verdict(double mean, double low, double high, double limit, String figures,
            Function<Double, String> format) {
        if (mean <= limit) {
            if (Double.isNaN(high)) {
                return "met by the point estimate, no error estimate (" + figures + ")";
            }
            return high <= limit ? "met (" + figures + ")"
                    : "met by the point estimate, not significantly: the interval reaches " + format.apply(high)
                            + " (" + figures + ")";
        }
        if (!(low > limit)) {
            return "**not shown**: point estimate above the limit, only the error interval reaches it (" + figures + ")";
        }
        return "**missed** by " + format.apply(low - limit) + " even at the interval's low end (" + figures + ")";
    }

    private static String fixed(double value) {
        return Double.isInfinite(value) ? "∞" : String.format(Locale.ROOT, "%.3f", value);
    }
}
