package dev.slabagent.demo.bench.suite;

import dev.slabagent.demo.bench.AgentJarOption;
import dev.slabagent.demo.report.BenchReport;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.openjdk.jmh.runner.options.VerboseMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The command line of {@code scripts/bench.sh}: runs the suite, then writes its report. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Runs the A/B suite (no agent vs each agent config) and writes JSON, Markdown and PNG.")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--mode", description = "smoke, quick or full (default: ${DEFAULT-VALUE})",
            defaultValue = "quick", converter = ModeConverter.class)
    private SuiteMode mode;

    @Option(names = "--out", required = true, description = "folder for results.json, report.md and the chart")
    private Path out;

    @Mixin
    private AgentJarOption agent;

    @Option(names = "--configs", required = true, description = "the agent configs folder (demo/configs/bench)")
    private Path configsDir;

    /**
     * Runs the command and exits with its status: 0 on success, 2 on bad arguments, 1 on failure.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        CommandLine command = new CommandLine(new BenchCommand())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("error: " + e.getMessage());
                    return 1;
                });
        System.exit(command.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        double loadBefore = loadAverage();
        Path json = new BenchSuite(mode, agent.jar(), configsDir, VerboseMode.NORMAL).run(out);
        String title = String.format(Locale.ROOT, "mode %s; system load average %.1f before and %.1f after, %d CPUs",
                mode.name().toLowerCase(Locale.ROOT), loadBefore, loadAverage(),
                Runtime.getRuntime().availableProcessors());
        BenchReport report = BenchReport.write(json, out, title);
        System.out.println("results: " + json);
        System.out.println("report:  " + report.markdown());
        System.out.println("chart:   " + report.chart());
        return 0;
    }

    /** The one-minute load average: other work on the machine makes every figure noisier. */
    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** Parses {@code --mode} case-insensitively. */
    static final class ModeConverter implements CommandLine.ITypeConverter<SuiteMode> {
        @Override
        public SuiteMode convert(String value) {
            try {
                return SuiteMode.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("unknown mode '" + value + "' (smoke, quick, full)");
            }
        }
    }
}
