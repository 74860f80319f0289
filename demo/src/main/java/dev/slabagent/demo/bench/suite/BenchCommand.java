package dev.slabagent.demo.bench.suite;

import dev.slabagent.demo.bench.AgentJarOption;
import dev.slabagent.demo.report.BenchReport;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.openjdk.jmh.runner.options.VerboseMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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

    @Option(names = "--configs", description = "the agent configs folder (demo/configs/bench) of the project's suite")
    private Path configsDir;

    @Option(names = "--include", paramLabel = "REGEX", defaultValue = ".",
            description = "run only the benchmarks REGEX finds in their name (default: all)")
    private Pattern include;

    @Option(names = "--jar", paramLabel = "FILE", description = "a JMH benchmarks jar of your own (first on the class "
            + "path), run without the agent and with --config")
    private Path userJar;

    @Option(names = "--config", paramLabel = "FILE", description = "with --jar: your agent config")
    private Path userConfig;

    @Spec
    private CommandSpec spec;

    @Option(names = "--seed", paramLabel = "N", description = "seed of the forks' order (default: from the clock)")
    private Long seed;

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
        long order = seed != null ? seed : System.nanoTime();
        Path json = suite(order).run(out);
        String title = String.format(Locale.ROOT, "mode %s; system load average %.1f before and %.1f after, %d CPUs; "
                        + "forks in an order shuffled with seed %d", mode.name().toLowerCase(Locale.ROOT), loadBefore,
                loadAverage(), Runtime.getRuntime().availableProcessors(), order);
        BenchReport report = BenchReport.write(json, out, title, mode.narrowVerdicts());
        System.out.println("results: " + json);
        System.out.println("report:  " + report.markdown());
        System.out.println("chart:   " + report.chart());
        return 0;
    }

    /** The project's suite, or the user's jar against the user's config. */
    private BenchSuite suite(long order) {
        if (userJar == null) {
            if (userConfig != null || configsDir == null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        userConfig != null ? "--config needs --jar" : "--configs is required without --jar");
            }
            return BenchSuite.project(mode, agent.jar(), configsDir, include, VerboseMode.NORMAL, order);
        }
        if (userConfig == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--jar needs --config (your agent config)");
        }
        return BenchSuite.userJar(mode, agent.jar(), userConfig.toAbsolutePath(), include, VerboseMode.NORMAL, order);
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
