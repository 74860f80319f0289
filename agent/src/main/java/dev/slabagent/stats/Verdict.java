package dev.slabagent.stats;

/** What a comparison of a candidate with its baseline concludes, as the reports print it. */
public enum Verdict {
    /** Significantly better than the baseline (lower time, or higher for a higher-is-better metric). */
    FASTER("faster"),
    /** Significantly worse than the baseline. */
    SLOWER("slower"),
    /** No significant difference, and the interval is narrow enough to say so. */
    SAME("~"),
    /** No significant difference, but the interval is too wide to rule one out: more runs are needed. */
    INCONCLUSIVE("inconclusive");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** The word the reports print: {@code faster}, {@code slower}, {@code ~} or {@code inconclusive}. */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
