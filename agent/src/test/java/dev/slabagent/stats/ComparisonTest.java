package dev.slabagent.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The statistics on synthetic samples shaped like runs on a noisy machine: log-normal noise of 8% around the
 * true value, and one run in ten slowed by 20-60% by another process; 15 runs a side (the ab command's default
 * rounds). Every sample is seeded.
 */
class ComparisonTest {

    private static final int PAIRS = 100;
    private static final int RUNS = 15;

    /** {@code RUNS} runs of a program whose true median time is {@code center}. */
    private static double[] runs(Random random, double center) {
        double[] out = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            double noisy = center * Math.exp(0.08 * random.nextGaussian());
            out[i] = random.nextInt(10) == 0 ? noisy * (1.2 + 0.4 * random.nextDouble()) : noisy;
        }
        return out;
    }

    @Test
    void aSampleAgainstItsOwnDistributionIsAFalseVerdictAtMostAboutFivePercentOfTheTime() {
        int falseVerdicts = 0;
        for (int seed = 0; seed < PAIRS; seed++) {
            Random random = new Random(seed);
            Comparison c = Comparison.of(runs(random, 100), runs(random, 100), false, seed);
            if (c.verdict() == Verdict.FASTER || c.verdict() == Verdict.SLOWER) {
                falseVerdicts++;
            }
        }
        assertTrue(falseVerdicts <= 6, falseVerdicts + " false verdicts in " + PAIRS + " A/A pairs");
    }

    @Test
    void aTwentyPercentShiftIsFoundInBothDirections() {
        int slower = 0;
        int faster = 0;
        for (int seed = 0; seed < PAIRS; seed++) {
            Random random = new Random(seed);
            if (Comparison.of(runs(random, 100), runs(random, 120), false, seed).verdict() == Verdict.SLOWER) {
                slower++;
            }
            if (Comparison.of(runs(random, 100), runs(random, 80), false, seed).verdict() == Verdict.FASTER) {
                faster++;
            }
        }
        assertTrue(slower >= 90, "a 20% slowdown was found in " + slower + " of " + PAIRS);
        assertTrue(faster >= 90, "a 20% speed-up was found in " + faster + " of " + PAIRS);
    }

    @Test
    void theBootstrapIntervalCoversTheTrueRatio() {
        int covered = 0;
        for (int seed = 0; seed < PAIRS; seed++) {
            Random random = new Random(seed);
            Comparison c = Comparison.of(runs(random, 100), runs(random, 120), false, seed);
            if (c.low() <= 1.2 && 1.2 <= c.high()) {
                covered++;
            }
        }
        // a 95% interval: 95 expected, 90 allows for the chance of 100 draws
        assertTrue(covered >= 90, "the interval covered the true ratio 1.2 in " + covered + " of " + PAIRS);
    }

    @Test
    void aHigherIsBetterMetricThatGrowsIsFaster() {
        Random random = new Random(7);
        Comparison c = Comparison.of(runs(random, 100), runs(random, 130), true, 7);
        assertEquals(Verdict.FASTER, c.verdict());
        assertTrue(c.ratio() > 1.2 && c.ratio() < 1.4, "ratio " + c.ratio());
    }

    @Test
    void twoRunsOfAVeryNoisyProgramAreInconclusiveNotTheSame() {
        Comparison c = Comparison.of(new double[] {100, 160}, new double[] {90, 150}, false, 1);
        assertEquals(Verdict.INCONCLUSIVE, c.verdict());
        assertTrue(c.halfWidth() > Comparison.MAX_HALF_WIDTH);
    }

    @Test
    void twoSamplesASideAreInconclusiveHoweverFarApart() {
        Comparison c = Comparison.of(new double[] {100, 101}, new double[] {200, 201}, false, 1);
        assertEquals(Verdict.INCONCLUSIVE, c.verdict());
        assertTrue(Double.isNaN(c.p()));
        assertEquals(2.0, c.ratio(), 0.01);
        assertTrue(!Comparison.canReachSignificance(3, 3) && Comparison.canReachSignificance(4, 4)
                && Comparison.canReachSignificance(3, 5));
    }

    @Test
    void tightIdenticalRunsAreTheSame() {
        double[] a = {100, 101, 99, 100.5, 99.5, 100, 100.2, 99.8};
        double[] b = {100.3, 100.8, 99.2, 100.1, 99.6, 100.4, 99.9, 100};
        Comparison c = Comparison.of(a, b, false, 3);
        assertEquals(Verdict.SAME, c.verdict());
        assertTrue(c.p() > 0.05, "p " + c.p());
        assertEquals(1.0, c.ratio(), 0.01);
    }

    @Test
    void theRatioIsOfTheMediansAndItsIntervalContainsIt() {
        Comparison c = Comparison.of(new double[] {1, 2, 3, 100}, new double[] {5, 5, 5, 5}, false, 5);
        assertEquals(2.5, c.baselineMedian());
        assertEquals(2.0, c.ratio());
        assertTrue(c.low() <= c.ratio() && c.ratio() <= c.high());
    }

    @Test
    void aShortRunGivesAVerdictOnlyWhereItsIntervalIsWithinTenPercentOrClearOfIt() {
        double[] base = {100, 101, 99, 100.5, 99.5, 100};
        double[] noisy = {104, 130, 103, 122, 106, 126};
        Comparison loose = Comparison.of(base, noisy, false, 9);
        assertEquals(Verdict.SLOWER, loose.verdict(), "significant, so the full rule calls it");
        assertTrue(loose.halfWidth() > Comparison.MAX_HALF_WIDTH && loose.low() < 1.1,
                loose.low() + " " + loose.high());
        assertEquals(Verdict.INCONCLUSIVE, loose.narrowOnly().verdict());

        double[] far = {150, 200, 135, 185, 145, 210};
        Comparison wideButFar = Comparison.of(base, far, false, 9).narrowOnly();
        assertTrue(wideButFar.halfWidth() > Comparison.MAX_HALF_WIDTH && wideButFar.low() > 1.1,
                wideButFar.low() + " " + wideButFar.high());
        assertEquals(Verdict.SLOWER, wideButFar.verdict(), "the whole interval is more than 10% slower");

        double[] tightSlower = {120, 121, 119, 120.4, 119.7, 120.2};
        Comparison tight = Comparison.of(base, tightSlower, false, 9).narrowOnly();
        assertTrue(tight.halfWidth() <= Comparison.MAX_HALF_WIDTH, "half-width " + tight.halfWidth());
        assertEquals(Verdict.SLOWER, tight.verdict());
        assertEquals(Verdict.SAME, Comparison.of(base, base, false, 9).narrowOnly().verdict());
    }
}
