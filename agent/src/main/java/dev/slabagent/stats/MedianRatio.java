package dev.slabagent.stats;

import java.util.SplittableRandom;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * The ratio of a candidate's median to a baseline's and its percentile-bootstrap interval: both samples are
 * resampled with replacement, each on its own, and the interval is the middle {@code level} of the resampled
 * ratios. The median, not the mean: one run slowed down by another process on a noisy machine moves a mean,
 * not a median.
 */
public final class MedianRatio {

    /** Resamples per interval: enough for stable 2.5% and 97.5% percentiles. */
    public static final int RESAMPLES = 4000;

    private MedianRatio() {
    }

    /** The median of {@code values} (the mean of the two middle values for an even count). */
    public static double median(double[] values) {
        return new Median().evaluate(values);
    }

    /**
     * The bootstrap interval of {@code median(candidate) / median(baseline)}.
     *
     * @param baseline  the baseline's samples (at least one, all positive)
     * @param candidate the candidate's samples (at least one)
     * @param level     the interval's coverage, e.g. {@code 0.95}
     * @param random    the resampling's random source (seeded, so a report can be reproduced)
     * @return {@code {low, high}}
     */
    public static double[] interval(double[] baseline, double[] candidate, double level, SplittableRandom random) {
        double[] ratios = new double[RESAMPLES];
        double[] b = new double[baseline.length];
        double[] c = new double[candidate.length];
        Median median = new Median();
        for (int i = 0; i < RESAMPLES; i++) {
            resample(baseline, b, random);
            resample(candidate, c, random);
            ratios[i] = median.evaluate(c) / median.evaluate(b);
        }
        double tail = (1 - level) / 2 * 100;
        Percentile percentile = new Percentile();
        percentile.setData(ratios);
        return new double[] {percentile.evaluate(tail), percentile.evaluate(100 - tail)};
    }

    private static void resample(double[] from, double[] into, SplittableRandom random) {
        for (int i = 0; i < into.length; i++) {
            into[i] = from[random.nextInt(from.length)];
        }
    }
}
