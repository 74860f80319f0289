package dev.slabagent.ab;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Runs the plan: under each collector, {@code rounds} rounds, each running every strategy once in a newly
 * shuffled order, so that a machine that slows down or speeds up during the test affects all strategies alike.
 * Prints a progress line on stderr before each run and one line for each failed run.
 */
public final class AbRunner {

    private AbRunner() {
    }

    /**
     * Runs every run of the plan.
     *
     * @param plan     the plan
     * @param progress where the progress lines go (stderr)
     * @return every run, in the order they ran
     * @throws IOException if a config copy, a run folder or a report cannot be written or read
     */
    public static List<RunRecord> run(AbPlan plan, PrintWriter progress) throws IOException {
        Map<String, Path> configs = new HashMap<>();
        for (String strategy : plan.strategies()) {
            if (!strategy.equals(AbPlan.BASELINE)) {
                configs.put(strategy, StrategyConfigs.write(plan, strategy, plan.out().resolve("configs")));
            }
        }
        Random order = new Random(plan.seed());
        int total = plan.collectors().size() * plan.rounds() * plan.strategies().size();
        List<RunRecord> runs = new ArrayList<>();
        long start = System.nanoTime();
        for (Collector gc : plan.collectors()) {
            for (int round = 1; round <= plan.rounds(); round++) {
                List<String> shuffled = new ArrayList<>(plan.strategies());
                Collections.shuffle(shuffled, order);
                for (String strategy : shuffled) {
                    progress.println(progressLine(plan, gc, round, strategy, runs.size(), total, start));
                    progress.flush();
                    Path dir = plan.out().resolve("runs").resolve(gc.name()).resolve(round + "-" + strategy);
                    RunRecord run = CommandRun.run(plan, gc, strategy, configs.get(strategy), round, dir);
                    if (!run.ok()) {
                        progress.println("ab: run failed (" + run.failure() + ")" + (run.stderrTail().isBlank() ? ""
                                : ", stderr ends: " + run.stderrTail().lines().reduce((a, b) -> b).orElse("")));
                    }
                    runs.add(run);
                }
            }
        }
        return runs;
    }

    /** {@code ab: gc G1, round 2/10, magazine (run 7 of 40, about 1m12s left)}. */
    static String progressLine(AbPlan plan, Collector gc, int round, String strategy, int done, int total, long start) {
        String left = "";
        if (done > 0) {
            long seconds = Math.round((System.nanoTime() - start) / 1e9 / done * (total - done));
            left = String.format(Locale.ROOT, ", about %dm%02ds left", seconds / 60, seconds % 60);
        }
        return "ab: gc " + gc.name() + ", round " + round + "/" + plan.rounds() + ", " + strategy + " (run "
                + (done + 1) + " of " + total + left + ")";
    }
}
