package dev.slabagent.demo.bench.attach;

import dev.slabagent.demo.bench.AgentJarOption;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The attach benchmark: how long from the start of {@code java -jar slab-agent.jar attach PID CONFIG} to the
 * first slab hit in a running jbd-target workload ({@link AttachBenchHost}), and how long the retransform stalls
 * the workload's {@code write()} (the longest call started during the attach command vs in the seconds before).
 * Each run starts a fresh host (a first attach loads the agent; then it detaches and attaches again, the agent
 * being loaded already). Times from both processes are {@link System#nanoTime}, which on Linux is
 * {@code CLOCK_MONOTONIC}, one clock for all processes. Not a test: it prints figures.
 */
@Command(name = "attach-bench", mixinStandardHelpOptions = true,
        description = "Time attach to first slab hit and the write() pause it causes, on jbd-target.")
public final class AttachBench implements Callable<Integer> {

    @Mixin
    AgentJarOption agent;

    @Option(names = "--config", required = true, description = "the config to attach with")
    Path config;

    @Option(names = "--cache", defaultValue = "journal_handle", description = "the cache whose first hit ends the clock")
    String cache;

    @Option(names = "--runs", defaultValue = "3", description = "fresh host JVMs (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--warmup", defaultValue = "3", description = "seconds the host writes before the attach")
    int warmup;

    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    /**
     * One attach as measured: command time, start to first hit, the longest write() during the command, and the
     * agent's status line (which says how long its install took in the host).
     */
    record Attach(long commandNanos, long firstHitNanos, long longestWriteNanos, String status) {
    }

    /** @param args see {@code --help} */
    public static void main(String[] args) {
        System.exit(new CommandLine(new AttachBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        String classPath = System.getProperty("java.class.path");
        if (classPath.contains("slab-agent")) {
            throw new IllegalStateException("the agent must not be on the class path: the host would load it early");
        }
        System.out.printf(Locale.ROOT, "java %s, %d cores; CLI JVM start alone (slab-agent.jar --help): %.0f ms%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                ms(cli("--help")));
        for (int run = 1; run <= runs; run++) {
            Path dir = Files.createTempDirectory("attach-bench");
            Path safepoints = dir.resolve("safepoints.txt");
            Process host = new ProcessBuilder(java, "-Xlog:safepoint:file=" + safepoints, "-cp", classPath,
                    AttachBenchHost.class.getName(), dir.toString())
                    .redirectError(dir.resolve("host-stderr.txt").toFile()).start();
            try (Host h = new Host(host)) {
                TimeUnit.SECONDS.sleep(warmup);
                long from = System.nanoTime();
                TimeUnit.SECONDS.sleep(2);
                long before = Long.parseLong(h.ask("longest " + from + " " + System.nanoTime()));
                Attach first = attach(h, host.pid());
                long firstRedefine = Safepoints.longestRedefine(safepoints);
                cli("detach", Long.toString(host.pid()));
                TimeUnit.SECONDS.sleep(1);
                Attach again = attach(h, host.pid());
                System.out.printf(Locale.ROOT, "run %d: longest write() before attach %.2f ms%n", run, ms(before));
                print("  first attach", first);
                print("  re-attach   ", again);
                System.out.printf(Locale.ROOT, "  longest RedefineClasses safepoint (the stop-the-world part): first "
                        + "attach %.2f ms, all attaches and the detach %.2f ms%n", ms(firstRedefine),
                        ms(Safepoints.longestRedefine(safepoints)));
            }
        }
        return 0;
    }

    private static void print(String label, Attach a) {
        System.out.printf(Locale.ROOT, "%s: command %.0f ms, first hit %.0f ms after its start, longest write() "
                + "during it %.2f ms; agent: %s%n", label, ms(a.commandNanos()), ms(a.firstHitNanos()),
                ms(a.longestWriteNanos()), a.status());
    }

    private Attach attach(Host h, long pid) throws Exception {
        h.ask("watch " + cache);
        long start = System.nanoTime();
        long command = cli("attach", Long.toString(pid), config.toAbsolutePath().toString());
        long end = start + command;
        long hit = Long.parseLong(h.ask("hit"));
        if (hit == 0) {
            throw new IllegalStateException("no hit of " + cache + " within 30 s of the attach");
        }
        TimeUnit.MILLISECONDS.sleep(200);
        return new Attach(command, hit - start, Long.parseLong(h.ask("longest " + start + " " + end)),
                AgentStatus.of(pid));
    }

    /** Runs {@code java -jar AGENT ARGS...}; returns its wall time in nanoseconds. */
    private long cli(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java, "-jar", agent.jar().toString()));
        command.addAll(List.of(args));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("failed: " + String.join(" ", command));
        }
        return System.nanoTime() - start;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** The host's stdin and stdout, one question one answer. */
    private static final class Host implements AutoCloseable {
        private final Process process;
        private final PrintWriter in;
        private final BufferedReader out;

        Host(Process process) throws IOException {
            this.process = process;
            this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String ready = out.readLine();
            if (!"ready".equals(ready)) {
                throw new IOException("host did not start: " + ready);
            }
        }

        String ask(String question) throws IOException {
            in.println(question);
            String answer = out.readLine();
            if (answer == null || answer.startsWith("failed") || answer.startsWith("unknown")) {
                throw new IOException("host: " + question + " -> " + answer);
            }
            return answer;
        }

        @Override
        public void close() throws InterruptedException {
            in.println("stop");
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
