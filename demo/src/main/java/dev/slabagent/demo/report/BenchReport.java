package dev.slabagent.demo.report;

import dev.slabagent.stats.IntervalChart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the A/B report of a suite run: {@value #MARKDOWN} (table of ratios to the no-agent baseline) and
 * {@value #CHART} (the ratios as bars with error bars), next to the JMH JSON they come from.
 *
 * @param markdown the Markdown report written
 * @param chart the PNG chart written
 * @param rows how many results the report holds
 */
public record BenchReport(Path markdown, Path chart, int rows) {
    /** The Markdown report's file name. */
    public static final String MARKDOWN = "report.md";
    /** The chart's file name. */
    public static final String CHART = "ratios.png";

    /**
     * Generates the report from an existing JSON file: {@code BenchReport RESULTS.json OUT_DIR}.
     *
     * @param args the JSON file and the output folder
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2 && (args.length != 3 || !args[2].equals("--narrow"))) {
            System.err.println("usage: BenchReport RESULTS.json OUT_DIR [--narrow]");
            System.exit(2);
        }
        BenchReport report = write(Path.of(args[0]), Path.of(args[1]), "from " + args[0], args.length == 3);
        System.out.println("report: " + report.markdown() + ", chart: " + report.chart());
    }

    /**
     * Reads the JMH JSON and writes the Markdown report and the chart.
     *
     * @param json the suite's JMH JSON file
     * @param outDir the folder to write into
     * @param title what run this is (shown in the report's heading)
     * @param narrow whether a verdict needs an interval within ±10% (a quick run's; else only {@code ~} does)
     * @return the files written
     * @throws IOException if a file cannot be read or written
     */
    public static BenchReport write(Path json, Path outDir, String title, boolean narrow) throws IOException {
        System.setProperty("java.awt.headless", "true");
        ResultsReader reader = ResultsReader.open(json);
        List<ResultRow> rows = reader.rows();
        List<Comparison> comparisons = Comparison.group(rows, narrow);
        Files.createDirectories(outDir);
        Path markdown = outDir.resolve(MARKDOWN);
        Path chart = outDir.resolve(CHART);
        Files.writeString(markdown, "## A/B results (" + title + ")\n\n"
                + reader.jvm() + ". Raw results: `" + json.getFileName() + "`; chart: `" + CHART + "`.\n\n"
                + "Each fork's score (the mean of its measured iterations) is one sample; the forks of all "
                + "configurations ran interleaved, in an order shuffled each round. Time/op and B/op "
                + "(`gc.alloc.rate.norm`) are the forks' mean ± JMH's 99.9% half-width over the forks. The ratio is "
                + "the forks' median time/op over the baseline's (no agent, same benchmark and threads) with a 95% "
                + "bootstrap interval; p is Mann-Whitney U over the fork scores; the verdict is faster/slower only "
                + "if p < 0.05 and the interval excludes 1, else `~`, or `inconclusive` if the interval reaches "
                + "more than ±10% or there are too few forks (4 a side at least) for any difference to be "
                + "significant" + (narrow ? "; this short run gives no verdict but `inconclusive` where the interval "
                + "reaches more than ±10% and comes within 10% of 1, significant or not (run `--full` for those)" : "") + ". ΔB/op is against the baseline; GCs is `gc.count` over all measured iterations. "
                + "\"Agent in fork\" is what the forked JVMs themselves saw: whether they were started with the "
                + "agent, and their caches' hits/allocs. In the chart, grey = not significant.\n\n"
                + MarkdownTable.render(comparisons) + "\n" + Targets.render(comparisons));
        IntervalChart.write("Time/op relative to the no-agent baseline (ratio of the forks' medians, 95% interval)",
                chartRows(comparisons), chart);
        return new BenchReport(markdown, chart, rows.size());
    }

    /** One chart row per configuration of every comparison that has a baseline. */
    private static List<IntervalChart.Row> chartRows(List<Comparison> comparisons) {
        List<IntervalChart.Row> rows = new ArrayList<>();
        for (Comparison comparison : comparisons) {
            for (ResultRow row : comparison.rows()) {
                if (comparison.baseline() != null && row != comparison.baseline()) {
                    rows.add(new IntervalChart.Row(comparison.key() + "  " + row.config(),
                            comparison.statistics(row)));
                }
            }
        }
        return rows;
    }
}
