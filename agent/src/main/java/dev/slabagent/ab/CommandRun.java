package dev.slabagent.ab;

import dev.slabagent.agent.RunReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Runs the user's command once. The agent reaches every {@code java} the command starts, directly or through
 * scripts, by {@code JAVA_TOOL_OPTIONS}: {@code -javaagent:JAR=CONFIG} for a strategy, {@code -javaagent:JAR=measure}
 * for the baseline (only the run report: no config, no transformer, nothing pooled), plus the folder for the
 * {@link RunReport}s and the collector's flag. The command's stdout and stderr go to files in the run's folder.
 */
final class CommandRun {

    /** Lines of stderr kept for a failed run. */
    private static final int TAIL_LINES = 5;

    private CommandRun() {
    }

    /**
     * Runs the command and reads what it and its JVMs reported.
     *
     * @param plan      the plan
     * @param collector the collector
     * @param strategy  {@code baseline} or a strategy
     * @param config    the strategy's config, or {@code null} for the baseline
     * @param round     the round, from 1
     * @param dir       the run's own (new) folder
     * @return the run's record, failed or not
     * @throws IOException if the run's folder or a report cannot be read or written
     */
    static RunRecord run(AbPlan plan, Collector collector, String strategy, Path config, int round, Path dir)
            throws IOException {
        Path reports = dir.resolve("jvms").toAbsolutePath();
        Files.createDirectories(reports);
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(plan.command())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().put("JAVA_TOOL_OPTIONS", toolOptions(plan, collector, config, reports));
        long start = System.nanoTime();
        String failure = null;
        try {
            Process process = builder.start();
            process.getOutputStream().close(); // a command that reads its input gets end-of-file, not a wait
            int exit = process.waitFor();
            failure = exit == 0 ? null : "exit " + exit;
        } catch (IOException e) {
            failure = "cannot start " + plan.command().get(0) + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String err = Files.exists(stderr) ? Files.readString(stderr, StandardCharsets.UTF_8) : "";
        double metric = seconds;
        if (failure == null && plan.metric() != null) {
            String out = Files.readString(stdout, StandardCharsets.UTF_8);
            metric = captured(plan, out + "\n" + err);
            failure = Double.isNaN(metric) ? "no number for --metric '" + plan.metricName() + "' in the output" : null;
        }
        JvmReports.Totals totals = JvmReports.read(reports,
                strategy.equals(AbPlan.BASELINE) ? List.of() : plan.cacheNames());
        return new RunRecord(collector.name(), strategy, round, failure, failure == null ? metric : Double.NaN,
                seconds, totals.jvms(), totals.gcCount(), totals.gcMillis(), totals.allocBytes(), totals.caches(),
                tail(err));
    }

    /** The caller's own {@code JAVA_TOOL_OPTIONS}, then the agent, its report folder and the collector. */
    private static String toolOptions(AbPlan plan, Collector collector, Path config, Path reports) {
        String inherited = System.getenv("JAVA_TOOL_OPTIONS");
        String agentArg = config == null ? RunReport.MEASURE_ONLY : config.toString();
        return (inherited == null || inherited.isBlank() ? "" : inherited.trim() + " ")
                + "-javaagent:" + plan.agentJar() + "=" + agentArg
                + " -D" + RunReport.DIR_PROPERTY + "=" + reports
                + (collector.flag() == null ? "" : " " + collector.flag());
    }

    /** The last number the metric's group 1 captured, or NaN. */
    private static double captured(AbPlan plan, String output) {
        Matcher m = plan.metric().matcher(output);
        double value = Double.NaN;
        while (m.find()) {
            try {
                value = Double.parseDouble(m.group(1));
            } catch (NumberFormatException | NullPointerException e) {
                value = Double.NaN;
            }
        }
        return value;
    }

    /** The last lines of stderr, without the JVM's note that it picked up {@code JAVA_TOOL_OPTIONS}. */
    private static String tail(String err) {
        List<String> lines = err.lines().filter(l -> !l.startsWith("Picked up JAVA_TOOL_OPTIONS")).toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }
}
