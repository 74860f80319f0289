package dev.slabagent.demo.bench.suite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One configuration of the A/B suite: the label the report shows and the agent config its forks load,
 * none for the baseline. Its {@link #jvmArgs} are the fork's complete JVM arguments.
 *
 * @param label the configuration's name in the results ({@value #BASELINE} for no agent)
 * @param agentConfig the agent's properties file, or null for the baseline
 */
public record ForkConfig(String label, Path agentConfig) {
    /** The label of the configuration without agent, the denominator of every ratio. */
    public static final String BASELINE = "baseline";
    /** The system property that carries the label into the fork's recorded JVM arguments. */
    public static final String LABEL_PROPERTY = "bench.config";
    /** The agent configurations, in report order; each is {@code <configs dir>/<label>.properties}. */
    public static final List<String> AGENT_LABELS = List.of("new", "locked", "magazine", "magazine-preserve",
            "magazine-frozen", "magazine-frozen-nozero");
    /**
     * The configurations that add jbd-target's frozen-copy cache to {@code magazine-preserve} (zero-filled, and
     * not): they pool every per-write site of jbd-target, and only its benchmarks run in them.
     */
    public static final List<String> JOURNAL_LABELS = List.of("magazine-frozen", "magazine-frozen-nozero");

    private static final List<String> HEAP = List.of("-Xms1g", "-Xmx1g");

    /**
     * The baseline followed by one configuration per file of {@link #AGENT_LABELS}.
     *
     * @param configsDir the folder holding the agent configs (demo/configs/bench)
     * @return the configurations in report order
     * @throws IllegalArgumentException naming the first missing config file
     */
    public static List<ForkConfig> all(Path configsDir) {
        List<ForkConfig> configs = new ArrayList<>();
        configs.add(new ForkConfig(BASELINE, null));
        for (String label : AGENT_LABELS) {
            Path file = configsDir.resolve(label + ".properties").toAbsolutePath();
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("agent config not found: " + file);
            }
            configs.add(new ForkConfig(label, file));
        }
        return configs;
    }

    /** @return whether this is the configuration without agent */
    public boolean isBaseline() {
        return agentConfig == null;
    }

    /** @return whether only jbd-target's benchmarks run in this configuration (see {@link #JOURNAL_LABELS}) */
    public boolean journalOnly() {
        return JOURNAL_LABELS.contains(label);
    }

    /**
     * The complete argument list of this configuration's forks (it replaces, never extends, the host's).
     *
     * @param agentJar the agent jar, made absolute here since forks may run in another directory
     * @return heap settings, the label property and, except for the baseline, the {@code -javaagent} option
     */
    public List<String> jvmArgs(Path agentJar) {
        List<String> args = new ArrayList<>(HEAP);
        args.add("-D" + LABEL_PROPERTY + "=" + label);
        if (!isBaseline()) {
            args.add("-javaagent:" + agentJar.toAbsolutePath() + "=" + agentConfig.toAbsolutePath());
        }
        return args;
    }
}
