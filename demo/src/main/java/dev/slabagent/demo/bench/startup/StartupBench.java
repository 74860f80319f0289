package dev.slabagent.demo.bench.startup;

import dev.slabagent.demo.bench.AgentJarOption;
import dev.slabagent.demo.run.ChildJvm;
import dev.slabagent.demo.run.ChildResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The start-up benchmark: how much later {@code main} starts in a JVM started with {@code -javaagent} and a config
 * than in the same JVM without the agent ({@link StartupProbe}, from the JVM's start time to its first line).
 * Runs alternate between the two so that a change in the machine's load hits both; it prints the medians and their
 * difference. Not a test: it prints figures.
 */
@Command(name = "startup-bench", mixinStandardHelpOptions = true,
        description = "Time from JVM start to main with and without -javaagent (medians).")
public final class StartupBench implements Callable<Integer> {

    private static final Pattern TO_MAIN = Pattern.compile("to_main_ms=(\\d+)");

    @Mixin
    AgentJarOption agent;

    @Option(names = "--config", required = true, description = "the agent config")
    Path config;

    @Option(names = "--runs", defaultValue = "10", description = "JVMs of each kind (default ${DEFAULT-VALUE})")
    int runs;

    /** @param args see {@code --help} */
    public static void main(String[] args) {
        System.exit(new CommandLine(new StartupBench()).execute(args));
    }

    @Override
    public Integer call() {
        String classPath = System.getProperty("java.class.path");
        List<String> plain = List.of("-cp", classPath, StartupProbe.class.getName());
        List<String> withAgent = List.of("-javaagent:" + agent.jar().toAbsolutePath() + "=" + config.toAbsolutePath(),
                "-cp", classPath, StartupProbe.class.getName());
        ChildJvm jvm = ChildJvm.current();
        Path here = Path.of("").toAbsolutePath();
        long[] without = new long[runs];
        long[] with = new long[runs];
        for (int i = 0; i < runs; i++) {
            without[i] = toMain(jvm.run(plain, here, Duration.ofMinutes(1)));
            with[i] = toMain(jvm.run(withAgent, here, Duration.ofMinutes(1)));
        }
        long a = median(without);
        long b = median(with);
        System.out.printf("start-up to main, median of %d runs each: no agent %d ms, agent %d ms, +%d ms%n", runs, a, b,
                b - a);
        System.out.println("no agent: " + Arrays.toString(without));
        System.out.println("agent:    " + Arrays.toString(with));
        return 0;
    }

    private static long toMain(ChildResult r) {
        Matcher m = TO_MAIN.matcher(r.requireSuccess().stdout());
        if (!m.find()) {
            throw new IllegalStateException("no to_main_ms line from " + r.commandLine() + ": " + r.stdout());
        }
        return Long.parseLong(m.group(1));
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
