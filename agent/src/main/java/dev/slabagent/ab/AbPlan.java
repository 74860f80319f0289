package dev.slabagent.ab;

import dev.slabagent.agent.config.AgentConfig;
import dev.slabagent.agent.config.CacheSpec;
import dev.slabagent.agent.config.ConfigParser;
import dev.slabagent.runtime.Strategy;
import dev.slabagent.stats.Comparison;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What the {@code ab} command runs, checked before anything runs.
 *
 * @param command        the user's command and its arguments
 * @param config         the agent config (absolute)
 * @param cacheNames     the config's caches
 * @param strategies     {@value #BASELINE} first, then the strategies to compare with it
 * @param collectors     the collectors to repeat the comparison under ({@link Collector#DEFAULT} if none given)
 * @param rounds         runs per strategy and collector
 * @param metric         the pattern whose group 1 is the metric, or {@code null} for wall time
 * @param higherIsBetter whether a higher metric is better
 * @param out            the output folder
 * @param seed           the seed of the run order and of the bootstrap
 * @param agentJar       the agent jar the runs load
 */
public record AbPlan(List<String> command, Path config, List<String> cacheNames, List<String> strategies,
                     List<Collector> collectors, int rounds, Pattern metric, boolean higherIsBetter, Path out,
                     long seed, Path agentJar) {

    /** The strategy name of the runs without the agent. */
    public static final String BASELINE = "baseline";

    /** Makes the lists unmodifiable. */
    public AbPlan {
        command = List.copyOf(command);
        cacheNames = List.copyOf(cacheNames);
        strategies = List.copyOf(strategies);
        collectors = List.copyOf(collectors);
    }

    /**
     * Checks the command line's values and reads the config; asks for the agent jar last (only a valid plan needs it).
     *
     * @throws AbFailure naming the first problem: no command, a config with errors or no cache, an unknown or
     *                   missing strategy, fewer than 4 rounds, a metric pattern that does not compile or has no group
     */
    public static AbPlan of(List<String> command, Path config, List<String> strategies, List<String> collectors,
                            int rounds, String metric, boolean higherIsBetter, Path out, long seed,
                            Supplier<Path> agentJar) {
        if (command.isEmpty()) {
            throw new AbFailure("no command: give the program to test after --, e.g. ab --config C -- java -jar app.jar");
        }
        AgentConfig parsed = ConfigParser.load(config);
        if (!parsed.errors().isEmpty()) {
            throw new AbFailure("bad config " + config + ": " + String.join("; ",
                    parsed.errors().stream().map(e -> e.replaceFirst("^slab-agent: (config: )?", "")).toList()));
        }
        if (parsed.caches().isEmpty()) {
            throw new AbFailure("bad config " + config + ": it defines no cache");
        }
        if (!Comparison.canReachSignificance(rounds, rounds)) {
            throw new AbFailure("--rounds: " + rounds + " is too few (at least 4: with fewer, no difference can be "
                    + "significant)");
        }
        List<Collector> gcs = collectors.isEmpty() ? List.of(Collector.DEFAULT)
                : collectors.stream().map(Collector::parse).toList();
        return new AbPlan(command, config, parsed.caches().stream().map(CacheSpec::name).toList(),
                strategies(strategies), gcs, rounds, pattern(metric), higherIsBetter, out, seed, agentJar.get());
    }

    private static List<String> strategies(List<String> given) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (String name : given) {
            String trimmed = name.trim();
            if (!trimmed.equals(BASELINE)) {
                try {
                    trimmed = Strategy.parse(trimmed).configName();
                } catch (IllegalArgumentException e) {
                    throw new AbFailure("--strategies: '" + name + "' is not one of baseline, new, locked, magazine");
                }
            }
            names.add(trimmed);
        }
        if (!names.remove(BASELINE) || names.isEmpty()) {
            throw new AbFailure("--strategies: give baseline and at least one of new, locked, magazine");
        }
        List<String> ordered = new ArrayList<>(List.of(BASELINE));
        ordered.addAll(names);
        return ordered;
    }

    private static Pattern pattern(String metric) {
        if (metric == null) {
            return null;
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(metric);
        } catch (PatternSyntaxException e) {
            throw new AbFailure("--metric: not a regular expression: " + e.getDescription() + " in '" + metric + "'");
        }
        if (pattern.matcher("").groupCount() < 1) {
            throw new AbFailure("--metric: '" + metric + "' has no group: put the number in ( ), e.g. 'us=([0-9.]+)'");
        }
        return pattern;
    }

    /** The metric's name in reports: the pattern, or {@code wall time (s)}. */
    public String metricName() {
        return metric == null ? "wall time (s)" : metric.pattern();
    }
}
