package dev.slabagent.agent.cli;

import dev.slabagent.ab.AbFailure;
import dev.slabagent.ab.AbPlan;
import dev.slabagent.ab.AbReport;
import dev.slabagent.ab.AbRunner;
import dev.slabagent.ab.StrategyResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ab --config CONFIG [options] -- COMMAND [ARGS...]}: A/B-tests the allocation strategies on the user's own
 * command (see {@link AbRunner} and {@link AbReport}). Prints the table on stdout and writes the report files;
 * exit 0 when it ran, 2 with one line for a bad config or option, no command, or a command that failed in every
 * run of a strategy.
 */
@Command(name = "ab",
        description = "A/B-test allocation strategies on your own program: runs COMMAND once per strategy per "
                + "round in a shuffled order (baseline without the agent; the others with CONFIG, every cache using "
                + "that strategy, through JAVA_TOOL_OPTIONS), then compares each strategy with the baseline: ratio "
                + "of medians with a 95%% bootstrap interval, Mann-Whitney U p-value, verdict faster/slower/~.")
final class AbCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "CONFIG", description = "The agent's properties file.")
    String config;

    @Option(names = "--strategies", split = ",", paramLabel = "LIST", defaultValue = "baseline,new,locked,magazine",
            description = "Strategies to compare, baseline included (default: ${DEFAULT-VALUE}).")
    List<String> strategies;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "15",
            description = "Runs per strategy (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--metric", paramLabel = "REGEX",
            description = "The metric is the number REGEX's group 1 captures from the output (e.g. "
                    + "'us_per_write=([0-9.]+)'); default: the run's wall time.")
    String metric;

    @Option(names = "--higher-is-better", description = "A higher metric is better (a throughput).")
    boolean higherIsBetter;

    @Option(names = "--gc", split = ",", paramLabel = "LIST",
            description = "Repeat the comparison under each collector: G1, Parallel, Serial, Z, Shenandoah "
                    + "(default: the JVM's own choice).")
    List<String> collectors = List.of();

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "ab-results",
            description = "Where results.json, report.md and chart.png go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the run order and the bootstrap "
            + "(default: from the clock; results.json records it).")
    Long seed;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command to run, after --.")
    List<String> command = List.of();

    @ParentCommand
    SlabCli cli;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        try {
            Path file = AttachCommand.configFile(config);
            AbPlan plan = AbPlan.of(command, file, strategies, collectors, rounds, metric, higherIsBetter,
                    out.toAbsolutePath(), seed != null ? seed : System.nanoTime(), cli::agentJar);
            PrintWriter err = spec.commandLine().getErr();
            AbReport report = AbReport.of(plan, AbRunner.run(plan, err));
            report.write();
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.print(report.text());
            stdout.println("written: " + plan.out().resolve("results.json") + ", report.md, chart.png");
            stdout.flush();
            List<StrategyResult> neverRan = report.neverRan();
            if (!neverRan.isEmpty()) {
                StrategyResult r = neverRan.get(0);
                throw new CliException("the command failed in every run of " + r.strategy() + " (gc " + r.collector()
                        + "): " + r.failure());
            }
            return 0;
        } catch (AbFailure e) {
            throw new CliException(e.getMessage());
        }
    }
}
