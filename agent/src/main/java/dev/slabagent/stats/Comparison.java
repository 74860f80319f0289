package dev.slabagent.stats;

import java.util.SplittableRandom;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.apache.commons.math3.util.CombinatoricsUtils;

/**
 * A candidate's samples against a baseline's, as benchstat reports them: the ratio of the medians with its 95%
 * bootstrap interval ({@link MedianRatio}), the two-sided Mann-Whitney U p-value, and a {@link Verdict}.
 * The verdict is {@code faster} or {@code slower} only if the p-value is below {@link #ALPHA} and the interval
 * excludes 1; otherwise it is {@code ~}, or {@code inconclusive} if the interval reaches further than
 * {@link #MAX_HALF_WIDTH} from the ratio on either side, or if the samples are too few for the test ever to reach
 * {@link #ALPHA} (two forks a side, for instance: the exact test's smallest p is then 1/3). A short run's
 * comparison ({@link #narrowOnly()}) gives no verdict at all, only {@code inconclusive}, where its interval
 * reaches further than {@link #MAX_HALF_WIDTH} and also comes within {@link #MAX_HALF_WIDTH} of 1: too few
 * samples to tell a small difference from noise (an interval wholly beyond ±10% of 1 still gives its direction).
 *
 * @param baselineMedian the baseline's median
 * @param median         the candidate's median
 * @param ratio          {@code median / baselineMedian}
 * @param low            the interval's low end
 * @param high           the interval's high end
 * @param p              the Mann-Whitney U p-value (two-sided); {@code NaN} if the samples are too few to reach
 *                       {@link #ALPHA}
 * @param higherIsBetter whether a higher value is the better one (a throughput); else lower is (a time)
 * @param narrow         whether any verdict needs the interval within {@link #MAX_HALF_WIDTH}, not only {@code ~}
 */
public record Comparison(double baselineMedian, double median, double ratio, double low, double high, double p,
                         boolean higherIsBetter, boolean narrow) {

    /** The significance level of the test. */
    public static final double ALPHA = 0.05;

    /** The interval's coverage. */
    public static final double LEVEL = 0.95;

    /** The widest interval, relative to the ratio on either side, that still supports a {@code ~}. */
    public static final double MAX_HALF_WIDTH = 0.10;

    /**
     * Compares two samples.
     *
     * @param baseline       the baseline's samples (positive values)
     * @param candidate      the candidate's samples
     * @param higherIsBetter whether a higher value is the better one (a throughput); else lower is (a time)
     * @param seed           the bootstrap's seed
     * @return the comparison
     * @throws IllegalArgumentException if either sample is empty
     */
    public static Comparison of(double[] baseline, double[] candidate, boolean higherIsBetter, long seed) {
        if (baseline.length == 0 || candidate.length == 0) {
            throw new IllegalArgumentException("no samples to compare");
        }
        double base = MedianRatio.median(baseline);
        double median = MedianRatio.median(candidate);
        double[] interval = MedianRatio.interval(baseline, candidate, LEVEL, new SplittableRandom(seed));
        double p = !canReachSignificance(baseline.length, candidate.length) ? Double.NaN
                : new MannWhitneyUTest().mannWhitneyUTest(baseline, candidate);
        return new Comparison(base, median, median / base, interval[0], interval[1], p, higherIsBetter, false);
    }

    /**
     * The same comparison judged as a short run's: a verdict only where the interval is within ±10% of the ratio,
     * or wholly more than 10% away from 1.
     */
    public Comparison narrowOnly() {
        return new Comparison(baselineMedian, median, ratio, low, high, p, higherIsBetter, true);
    }

    /**
     * Whether the difference is significant: enough samples ({@link #canReachSignificance}), p below
     * {@link #ALPHA} and an interval that excludes 1.
     */
    public boolean significant() {
        return p < ALPHA && (high < 1 || low > 1);
    }

    /**
     * Whether samples of these sizes can ever give a two-sided p below {@link #ALPHA}: the exact Mann-Whitney
     * test's smallest p is {@code 2 / C(n1 + n2, n1)}, and the normal approximation must not claim less.
     */
    public static boolean canReachSignificance(int n1, int n2) {
        return 2 / CombinatoricsUtils.binomialCoefficientDouble(n1 + n2, n1) < ALPHA;
    }

    /** The larger distance of the interval's ends from the ratio, relative to it (0.1 = within ±10%). */
    public double halfWidth() {
        return Math.max(high / ratio - 1, 1 - low / ratio);
    }

    /** The conclusion: significant differences by their direction, then {@code ~} or {@code inconclusive}. */
    public Verdict verdict() {
        if (narrow && halfWidth() > MAX_HALF_WIDTH && low <= 1 + MAX_HALF_WIDTH && high >= 1 - MAX_HALF_WIDTH) {
            return Verdict.INCONCLUSIVE;
        }
        if (significant()) {
            return (ratio < 1) != higherIsBetter ? Verdict.FASTER : Verdict.SLOWER;
        }
        return !Double.isNaN(p) && halfWidth() <= MAX_HALF_WIDTH ? Verdict.SAME : Verdict.INCONCLUSIVE;
    }
}
