package dev.slabagent.demo.report;

/**
 * One JMH score with its error: JMH's 99.9% confidence half-width, NaN when too few iterations ran.
 *
 * @param score the mean
 * @param error the half-width of the confidence interval, or NaN
 * @param unit the unit, as JMH prints it
 */
public record Metric(double score, double error, String unit) {
    /** @return the interval's lower end (NaN if the error is unknown) */
    public double low() {
        return score - error;
    }

    /** @return the interval's upper end (NaN if the error is unknown) */
    public double high() {
        return score + error;
    }

    /**
     * The ratio of this score to another, with a conservative interval from both intervals' ends.
     *
     * @param baseline the denominator
     * @return {@code this / baseline}
     */
    public Ratio over(Metric baseline) {
        double low = Math.max(low(), 0) / baseline.high();
        double high = baseline.low() > 0 ? high() / baseline.low() : Double.POSITIVE_INFINITY;
        if (Double.isNaN(error) || Double.isNaN(baseline.error)) {
            low = Double.NaN;
            high = Double.NaN;
        }
        return new Ratio(score / baseline.score, low, high);
    }

    /**
     * A ratio of two scores and its interval.
     *
     * @param value the ratio of the means
     * @param low the lowest ratio both intervals allow (NaN if unknown)
     * @param high the highest ratio both intervals allow (NaN if unknown, infinite if the baseline's
     *     interval reaches 0)
     */
    public record Ratio(double value, double low, double high) {
        /** @return whether the ratio is at most {@code limit} within its interval */
        public boolean atMostWithinError(double limit) {
            return value <= limit || low <= limit;
        }
    }
}
