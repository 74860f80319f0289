package dev.slabagent.demo;

import dev.slabagent.demo.compare.Comparison;
import dev.slabagent.demo.compare.Series;
import dev.slabagent.demo.compare.SideBySide;
import dev.slabagent.demo.run.ChildJvm;
import dev.slabagent.demo.run.ChildResult;
import dev.slabagent.demo.run.SlabRow;
import dev.slabagent.demo.run.Workload;
import dev.slabagent.demo.run.WorkloadReport;
import dev.slabagent.demo.run.WorkloadRunner;
import dev.slabagent.demo.show.BytecodeComparison;
import dev.slabagent.demo.show.ClassFiles;
import dev.slabagent.demo.show.SeedPatch;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The demo of the 2003 patch as a bytecode transform: shows the seed hunk beside jbd-target's bytecode before and
 * after the agent rewrote it, runs the same jbd-target workload in child JVMs without the agent, with the seed
 * config and with {@code journal_frozen.properties} (the seed's cache plus the frozen-copy array cache), and ends
 * with verdicts and the machine-readable {@code summary:} line (no agent against the seed config).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Shows the 2003 JBD journal_handle slab patch done to jbd-target's bytecode by the slab agent,"
                + " and measures the same workload without and with it.")
public final class Demo implements Callable<Integer> {

    /** The seed config's cache. */
    static final String CACHE = "journal_handle";
    /** The frozen-copy array cache of {@code journal_frozen.properties}. */
    static final String FROZEN_CACHE = "journal_frozen";
    /** The class the seed config rewrites (internal name): transaction.c, where new_handle and journal_stop are. */
    static final String REWRITTEN = "dev/slabagent/jbd/Transactions";
    /** The agent's runtime package (internal name) that rewritten code calls. */
    static final String RUNTIME = "dev/slabagent/runtime/";
    /**
     * ByteBuddy's class dump property as relocated in the agent jar: it writes each class the agent rewrote, as a
     * {@code NAME.TIMESTAMP.class} file, beside the original ({@code NAME-original.TIMESTAMP.class}).
     */
    static final String BYTEBUDDY_DUMP = "dev.slabagent.shaded.bytebuddy.dump";

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Folder for the journals and device files, kept afterwards; files of an earlier demo in it"
                    + " are replaced (default: a new folder in /dev/shm if present, else in the temporary folder,"
                    + " deleted at the end).")
    private Path dir;

    @Option(names = "--writes", paramLabel = "N", defaultValue = "200000",
            description = "Writes per run (default: ${DEFAULT-VALUE}).")
    private long writes;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "1",
            description = "Writer threads (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the workload's random writes (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "3",
            description = "Runs of each side, alternating, each in a new JVM; the figures are medians"
                    + " (default: ${DEFAULT-VALUE}).")
    private int rounds;

    @Option(names = "--verbose", description = "Also print each child JVM's command line.")
    private boolean verbose;

    private final PrintStream out;

    /** A demo printing to {@code out}. */
    public Demo(PrintStream out) {
        this.out = out;
    }

    /** Runs the demo; exits with 0, or 1 after a one-line error, or 2 on bad options. */
    public static void main(String[] args) {
        System.exit(commandLine(new Demo(System.out)).execute(args));
    }

    /** The picocli command line of {@code demo}, reporting a failure as one line on stderr. */
    public static CommandLine commandLine(Demo demo) {
        return new CommandLine(demo).setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("demo: " + e.getMessage());
            return 1;
        });
    }

    @Override
    public Integer call() throws IOException {
        Workload workload = new Workload(writes, threads, seed);
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1, got " + rounds);
        }
        ProjectLayout layout = ProjectLayout.locate();
        if (dir != null) {
            return show(layout, workload, Files.createDirectories(dir));
        }
        Path work = defaultWorkFolder();
        try {
            return show(layout, workload, work);
        } finally {
            delete(work);
        }
    }

    /** Measures in {@code work}, then prints the three parts of the demo. */
    private int show(ProjectLayout layout, Workload workload, Path work) throws IOException {
        Path dump = fresh(work.resolve("dump"));
        out.println("slab-agent demo: the 2003 journal_handle slab patch, made to unmodified Java bytecode");
        out.println("work folder: " + work + (dir == null ? " (deleted at the end; --dir DIR keeps the files)" : ""));
        Measurements measured = measure(new WorkloadRunner(ChildJvm.current(), layout), workload, work, layout, dump);

        out.println();
        out.println("== 1. The seed patch, and the same change made to jbd-target's bytecode by the agent");
        out.println();
        out.print(SeedPatch.text());
        showRewrite(ClassFiles.fromJar(layout.jbdJar(), REWRITTEN), dump);

        out.println();
        out.println("== 2. The same workload without the agent (no agent), with the seed config (agent) and with"
                + " journal_frozen.properties (frozen) (" + writes + " writes, " + threads + " thread(s), seed " + seed
                + ", " + rounds + " round(s) of one child JVM each)");
        showMeasurements(measured);

        out.println();
        out.println("== 3. Verdict");
        out.println();
        out.println("frozen copies, journal_frozen.properties against the seed config: " + measured.frozen().verdict());
        out.println(measured.comparison().verdict());
        out.println(measured.comparison().summaryLine());
        return 0;
    }

    /**
     * The three configurations' figures, and the last run of each agent configuration (whose slabinfo is shown).
     *
     * @param comparison no agent against the seed config
     * @param frozen the seed config against journal_frozen.properties
     */
    private record Measurements(Comparison comparison, Comparison frozen, ChildResult lastAgentRun,
                                ChildResult lastFrozenRun) {
        SideBySide sideBySide() {
            return new SideBySide(List.of(new SideBySide.Side("no agent", comparison.baseline()),
                    new SideBySide.Side("agent", comparison.agent()), new SideBySide.Side("frozen", frozen.agent())));
        }
    }

    /**
     * Runs the baseline, the seed config and the frozen-copy config in turn, {@link #rounds} times, the seed
     * config's runs dumping what the agent rewrote.
     */
    private Measurements measure(WorkloadRunner runner, Workload workload, Path work, ProjectLayout layout,
            Path dump) {
        List<WorkloadReport> baseline = new ArrayList<>();
        List<WorkloadReport> agent = new ArrayList<>();
        List<WorkloadReport> frozen = new ArrayList<>();
        ChildResult lastAgentRun = null;
        ChildResult lastFrozenRun = null;
        for (int round = 1; round <= rounds; round++) {
            out.println("round " + round + " of " + rounds + ": without the agent, with the seed config, with the"
                    + " frozen-copy cache");
            baseline.add(WorkloadReport.parse(announce(
                    runner.measured(workload, work.resolve("baseline"), Optional.empty(), List.of()))));
            lastAgentRun = announce(runner.measured(workload, work.resolve("agent"), Optional.of(layout.seedConfig()),
                    List.of("-D" + BYTEBUDDY_DUMP + "=" + dump)));
            agent.add(WorkloadReport.parse(lastAgentRun));
            lastFrozenRun = announce(runner.measured(workload, work.resolve("frozen"),
                    Optional.of(layout.frozenConfig()), List.of()));
            frozen.add(WorkloadReport.parse(lastFrozenRun));
        }
        Series agentSeries = new Series(agent);
        return new Measurements(new Comparison(new Series(baseline), agentSeries, CACHE),
                new Comparison(agentSeries, new Series(frozen), FROZEN_CACHE), lastAgentRun, lastFrozenRun);
    }

    private void showMeasurements(Measurements measured) {
        out.println();
        measured.sideBySide().table().forEach(out::println);
        out.println();
        out.println("bytes allocated per write by thread (medians; per-thread allocation counters; Δ against no agent):");
        measured.sideBySide().threadTable().forEach(out::println);
        out.println();
        out.println("slabinfo printed by the agent at exit of its last run with the seed config (warm-up included):");
        SlabRow.lastTable(measured.lastAgentRun().stderr()).forEach(out::println);
        out.println();
        out.println("slabinfo printed by the agent at exit of its last run with journal_frozen.properties (handles and"
                + " frozen copies):");
        SlabRow.lastTable(measured.lastFrozenRun().stderr()).forEach(out::println);
    }

    private void showRewrite(byte[] original, Path dump) {
        Optional<byte[]> rewritten = ClassFiles.fromDump(dump, REWRITTEN);
        if (rewritten.isEmpty()) {
            out.println();
            out.println("bytecode after the rewrite: the agent dumped no rewritten " + REWRITTEN + " under " + dump);
            return;
        }
        out.println();
        out.println(heading("start") + ":");
        print(BytecodeComparison.of(original, rewritten.get(), "start"));
        out.println();
        out.println(heading("stop") + ", its end: the agent keeps the handle in a new local, so the method's own"
                + " locals moved up and most lines are renumbered; each return jumps to one exit, whose free is the call"
                + " into " + RUNTIME + ":");
        print(BytecodeComparison.around(BytecodeComparison.of(original, rewritten.get(), "stop"), RUNTIME, 12));
    }

    private static String heading(String method) {
        return "bytecode of " + REWRITTEN.replace('/', '.') + "#" + method
                + " (ASM Textifier; '-' before, '+' after the agent rewrote it)";
    }

    private void print(List<String> diff) {
        diff.forEach(line -> out.println("  " + line));
    }

    /**
     * A new folder in RAM ({@code /dev/shm}) if there is one, so that the disk's fsync at each commit does not
     * dominate the timing; else in the system's temporary folder.
     */
    private static Path defaultWorkFolder() throws IOException {
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm)
                ? Files.createTempDirectory(shm, "slab-demo")
                : Files.createTempDirectory("slab-demo");
    }

    private ChildResult announce(ChildResult run) {
        if (verbose) {
            out.println("  " + run.commandLine());
        }
        run.stdout().lines().filter(line -> line.startsWith("writes=")).forEach(line -> out.println("    " + line));
        return run;
    }

    /** {@code folder}, emptied if it exists, created if not. */
    private static Path fresh(Path folder) throws IOException {
        delete(folder);
        return Files.createDirectories(folder);
    }

    /** Deletes {@code folder} and everything in it, if it exists. */
    private static void delete(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }
}
