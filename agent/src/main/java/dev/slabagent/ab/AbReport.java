package dev.slabagent.ab;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.slabagent.stats.Comparison;
import dev.slabagent.stats.IntervalChart;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code ab} command's outputs from its runs: the table (text for the terminal, Markdown for
 * {@code report.md}), {@code results.json} with every run, and {@code chart.png}.
 *
 * @param plan    what ran
 * @param runs    every run, failed ones included
 * @param results one row per collector and strategy, the baseline first
 */
public record AbReport(AbPlan plan, List<RunRecord> runs, List<StrategyResult> results) {

    private static final List<String> COLUMNS = List.of("gc", "strategy", "runs", "median", "ratio [95% CI]", "p",
            "verdict", "hits %", "GCs", "bytes/run");

    /** Makes the lists unmodifiable. */
    public AbReport {
        runs = List.copyOf(runs);
        results = List.copyOf(results);
    }

    /** Summarises {@code runs}: every strategy under every collector against that collector's baseline. */
    public static AbReport of(AbPlan plan, List<RunRecord> runs) {
        List<StrategyResult> results = new ArrayList<>();
        for (Collector gc : plan.collectors()) {
            List<RunRecord> baseline = select(runs, gc.name(), AbPlan.BASELINE);
            for (String strategy : plan.strategies()) {
                List<RunRecord> these = select(runs, gc.name(), strategy);
                if (!these.isEmpty()) {
                    results.add(StrategyResult.of(plan, these, baseline));
                }
            }
        }
        return new AbReport(plan, runs, results);
    }

    private static List<RunRecord> select(List<RunRecord> runs, String collector, String strategy) {
        return runs.stream().filter(r -> r.collector().equals(collector) && r.strategy().equals(strategy)).toList();
    }

    /** The results of the strategies whose every run failed. */
    public List<StrategyResult> neverRan() {
        return results.stream().filter(r -> r.runs() == 0).toList();
    }

    /** The table for the terminal: aligned columns, then one line per strategy with failed runs. */
    public String text() {
        List<List<String>> rows = rows();
        int[] widths = new int[COLUMNS.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder(heading()).append('\n');
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(String.format(Locale.ROOT, "%-" + (widths[i] + 2) + "s", row.get(i)));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        failures().forEach(f -> out.append(f).append('\n'));
        return out.toString();
    }

    /** {@code report.md}: the command, the table, the failures and how to read it. */
    public String markdown() {
        StringBuilder out = new StringBuilder("# A/B test of allocation strategies\n\n")
                .append("Command: `").append(String.join(" ", plan.command())).append("`  \n")
                .append("Config: `").append(plan.config()).append("`  \n")
                .append(heading()).append("\n\n");
        List<List<String>> rows = rows();
        out.append("| ").append(String.join(" | ", rows.get(0))).append(" |\n|");
        rows.get(0).forEach(c -> out.append("---|"));
        out.append('\n');
        rows.subList(1, rows.size()).forEach(r -> out.append("| ").append(String.join(" | ", r)).append(" |\n"));
        List<String> failures = failures();
        if (!failures.isEmpty()) {
            out.append("\nFailed runs (left out):\n\n");
            failures.forEach(f -> out.append("- ").append(f).append('\n'));
        }
        out.append("\nratio = the strategy's median over the baseline's (no agent), with a 95% bootstrap interval; ")
                .append("p = Mann-Whitney U, two-sided. A verdict is `faster`/`slower` only if p < 0.05 and the ")
                .append("interval excludes 1; otherwise `~` (no difference), or `inconclusive` if the interval ")
                .append("reaches more than 10% from the ratio. A strategy whose caches found a hazard or stayed off ")
                .append("shows that instead. GCs and bytes/run: medians per run over all its JVMs.\n\n")
                .append("![ratios](chart.png)\n");
        return out.toString();
    }

    /**
     * Writes {@code results.json}, {@code report.md} and {@code chart.png} into the plan's output folder.
     *
     * @throws IOException if one cannot be written
     */
    public void write() throws IOException {
        Files.createDirectories(plan.out());
        Files.writeString(plan.out().resolve("report.md"), markdown(), StandardCharsets.UTF_8);
        try (Writer w = Files.newBufferedWriter(plan.out().resolve("results.json"), StandardCharsets.UTF_8);
             JsonGenerator json = new JsonFactory().createGenerator(w).useDefaultPrettyPrinter()) {
            ResultsJson.write(this, json);
        }
        List<IntervalChart.Row> chartRows = new ArrayList<>();
        for (StrategyResult r : results) {
            if (!r.strategy().equals(AbPlan.BASELINE)) {
                String label = label(r) + (r.status() == null ? "" : "  " + r.status());
                chartRows.add(new IntervalChart.Row(label, r.status() == null ? r.comparison() : null));
            }
        }
        IntervalChart.write(plan.metricName() + ": ratio to baseline (" + direction() + ")", chartRows,
                plan.out().resolve("chart.png"));
    }

    private String label(StrategyResult r) {
        return plan.collectors().size() > 1 ? r.collector() + " " + r.strategy() : r.strategy();
    }

    private String heading() {
        return "metric: " + plan.metricName() + " (" + direction() + "), " + plan.rounds() + " rounds, gc: "
                + String.join(",", plan.collectors().stream().map(Collector::name).toList());
    }

    private String direction() {
        return plan.higherIsBetter() ? "higher is better" : "lower is better";
    }

    private List<List<String>> rows() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(COLUMNS);
        for (StrategyResult r : results) {
            Comparison c = r.comparison();
            boolean speed = c != null && r.status() == null;
            rows.add(List.of(r.collector(), r.strategy(), r.runs() + (r.failed() > 0 ? " (" + r.failed() + " failed)" : ""),
                    number(r.median()),
                    r.strategy().equals(AbPlan.BASELINE) ? "1" : speed
                            ? String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", c.ratio(), c.low(), c.high()) : "-",
                    speed && !Double.isNaN(c.p()) ? String.format(Locale.ROOT, "%.3f", c.p()) : "-",
                    r.verdictCell().isEmpty() ? "-" : r.verdictCell(),
                    Double.isNaN(r.hitsPercent()) ? "-" : String.format(Locale.ROOT, "%.1f", r.hitsPercent()),
                    Double.isNaN(r.gcs()) ? "-" : number(r.gcs()), bytes(r.bytesPerRun())));
        }
        return rows;
    }

    private List<String> failures() {
        return results.stream().filter(r -> r.failed() > 0)
                .map(r -> r.strategy() + " (" + r.collector() + "): " + r.failed() + " of " + (r.runs() + r.failed())
                        + " runs failed, last: " + r.failure())
                .toList();
    }

    /** Four significant digits. */
    static String number(double value) {
        return Double.isNaN(value) ? "-" : significant(value, 4);
    }

    /** Bytes in B, KB, MB or GB (powers of 1024), 3 significant digits. */
    static String bytes(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return significant(value, 3) + " " + units[unit];
    }

    private static String significant(double value, int digits) {
        return new BigDecimal(value).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
    }
}
