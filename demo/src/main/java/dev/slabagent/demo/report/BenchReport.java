package dev.slabagent.demo.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        if (args.length != 2) {
            System.err.println("usage: BenchReport RESULTS.json OUT_DIR");
            System.exit(2);
        }
        BenchReport report = write(Path.of(args[0]), Path.of(args[1]), "from " + args[0]);
        System.out.println("report: " + report.markdown() + ", chart: " + report.chart());
    }

    /**
     * Reads the JMH JSON and writes the Markdown report and the chart.
     *
     * @param json the suite's JMH JSON file
     * @param outDir the folder to write into
     * @param title what run this is (shown in the report's heading)
     * @return the files written
     * @throws IOException if a file cannot be read or written
     */
    public static BenchReport write(Path json, Path outDir, String title) throws IOException {
        System.setProperty("java.awt.headless", "true");
        ResultsReader reader = ResultsReader.open(json);
        List<ResultRow> rows = reader.rows();
        List<Comparison> comparisons = Comparison.group(rows);
        Files.createDirectories(outDir);
        Path markdown = outDir.resolve(MARKDOWN);
        Path chart = outDir.resolve(CHART);
        Files.writeString(markdown, "## A/B results (" + title + ")\n\n"
                + reader.jvm() + ". Raw results: `" + json.getFileName() + "`; chart: `" + CHART + "`.\n\n"
                + "Time/op and B/op (`gc.alloc.rate.norm`) are JMH means ± the 99.9% half-width; the ratio is "
                + "time/op over the baseline's (no agent, same benchmark and threads), its interval taken from "
                + "both scores' intervals (ends divided crosswise); ΔB/op is against the baseline; GCs is "
                + "`gc.count` over the measured iterations. \"Agent in fork\" is what the forked JVM itself "
                + "saw: whether it was started with the agent, and its caches' hits/allocs.\n\n"
                + MarkdownTable.render(comparisons) + "\n" + Targets.render(comparisons));
        RatioChart.write(comparisons, chart);
        return new BenchReport(markdown, chart, rows.size());
    }
}
