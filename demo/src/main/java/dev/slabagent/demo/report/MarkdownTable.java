package dev.slabagent.demo.report;

import java.util.List;
import java.util.Locale;

/** Renders comparisons as the report's Markdown table. */
final class MarkdownTable {
    private static final String HEADER =
            "| Benchmark | Threads | Config | Agent in fork | Time/op | Forks | Ratio [95% CI] | p | Verdict | B/op "
            + "| ΔB/op | GCs |\n"
            + "|---|---:|---|---|---:|---:|---|---:|---|---:|---:|---:|\n";

    private MarkdownTable() {
    }

    /**
     * @param comparisons the results to show
     * @return the table, one line per result, each comparison's baseline first
     */
    static String render(List<Comparison> comparisons) {
        StringBuilder table = new StringBuilder(HEADER);
        for (Comparison comparison : comparisons) {
            for (ResultRow row : comparison.rows()) {
                table.append("| ").append(row.benchmark())
                        .append(row.params().isEmpty() ? "" : " " + row.params())
                        .append(" | ").append(row.threads())
                        .append(" | ").append(row.config())
                        .append(" | ").append(agent(row.agent()))
                        .append(" | ").append(withError(row.time())).append(' ').append(row.time().unit())
                        .append(" | ").append(row.forkScores().size())
                        .append(" | ").append(row == comparison.baseline() ? "1 (baseline) | | "
                                : statistics(comparison.statistics(row)))
                        .append(" | ").append(row.bytesPerOp() == null ? "n/a" : withError(row.bytesPerOp()))
                        .append(" | ").append(row == comparison.baseline() ? "" : signed(comparison.bytesDelta(row)))
                        .append(" | ").append(row.gcCount() == null ? "0" : String.format(Locale.ROOT, "%.0f", row.gcCount().score()))
                        .append(" |\n");
            }
        }
        return table.toString();
    }

    private static String agent(ResultRow.AgentSeen agent) {
        if (!agent.loaded()) {
            return agent.caches() == 0 ? "no" : "no (" + agent.caches() + " cache(s) created directly)";
        }
        return "yes: " + agent.caches() + " cache(s), " + agent.hits() + "/" + agent.allocs() + " hits";
    }

    /** The ratio with its interval, the p-value and the verdict: three cells. */
    private static String statistics(dev.slabagent.stats.Comparison c) {
        if (c == null) {
            return "n/a (no baseline) | | ";
        }
        return fixed(c.ratio()) + " [" + fixed(c.low()) + ", " + fixed(c.high()) + "] | "
                + (Double.isNaN(c.p()) ? "n/a" : fixed(c.p())) + " | " + c.verdict().label();
    }

    static String withError(Metric metric) {
        return number(metric.score()) + (Double.isNaN(metric.error()) ? "" : " ± " + number(metric.error()));
    }

    private static String signed(double value) {
        return Double.isNaN(value) ? "n/a" : (value > 0 ? "+" : "") + number(value);
    }

    private static String fixed(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /** Three significant digits or so, no exponent: 1234, 56.7, 8.91, 0.123. */
    static String number(double value) {
        double magnitude = Math.abs(value);
        String pattern = magnitude >= 100 || magnitude == 0 ? "%.0f" : magnitude >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, pattern, value);
    }
}
