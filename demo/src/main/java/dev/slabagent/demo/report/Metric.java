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
     * A ratio of two scores and its interval.
     *
     * @param value the ratio of the forks' medians
     * @param low the 95% bootstrap interval's low end
     * @param high its high end
     */
    public record Ratio(double value, double low, double high) {
        /** @return whether the ratio is at most {@code limit} within its interval */
        public boolean atMostWithinError(double limit) {
            return value <= limit || low <= limit;
        }
    }
}
