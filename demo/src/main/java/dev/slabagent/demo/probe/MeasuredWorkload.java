package dev.slabagent.demo.probe;

import dev.slabagent.jbd.cli.Main;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs jbd-target's command line ({@link Main}) in this JVM twice, a warm-up then the measured run, and prints
 * after the measured run's own output what each of this JVM's threads allocated during it, one line per thread name
 * ({@code thread_allocated_bytes=B name=NAME}), then one line with the total and what the GC did meanwhile:
 * {@code allocated_bytes=A gc_count=G gc_ms=M}.
 *
 * <p>Arguments: {@code WARMUP_ARGS... --then MEASURED_ARGS...}, each a jbd-target command line (the warm-up's
 * output is discarded; no warm-up if its arguments are empty). The warm-up keeps one-time costs out of the
 * figures: class loading, a java agent's load-time rewriting and call-site linking, JIT compilation. Used as the
 * main class of the demo's child JVMs, so jbd-target itself needs no knowledge of measurement or of the agent.
 */
public final class MeasuredWorkload {

    /** Separates the warm-up's arguments from the measured run's. */
    public static final String THEN = "--then";

    private MeasuredWorkload() {
    }

    /** Runs the warm-up and the measured run; exits with the first non-zero status of jbd-target. */
    public static void main(String[] args) throws InterruptedException {
        List<String> all = Arrays.asList(args);
        int then = all.indexOf(THEN);
        if (then < 0) {
            System.err.println("usage: MeasuredWorkload WARMUP_ARGS... " + THEN + " MEASURED_ARGS...");
            System.exit(2);
        }
        PrintWriter err = new PrintWriter(System.err, true);
        if (then > 0) {
            exitOnFailure(Main.run(new PrintWriter(Writer.nullWriter()), err, args(all.subList(0, then))));
        }
        GcMeter gc = new GcMeter();
        AllocationMeter allocation = AllocationMeter.start();
        int status = Main.run(new PrintWriter(System.out, true), err, args(all.subList(then + 1, all.size())));
        Map<String, Long> bytesByThread = allocation.stop();
        exitOnFailure(status);
        bytesByThread.forEach((thread, bytes) ->
                System.out.printf(Locale.ROOT, "thread_allocated_bytes=%d name=%s%n", bytes, thread));
        System.out.printf(Locale.ROOT, "allocated_bytes=%d gc_count=%d gc_ms=%d%n",
                bytesByThread.values().stream().mapToLong(Long::longValue).sum(), gc.collections(),
                gc.collectionMillis());
    }

    private static String[] args(List<String> list) {
        return list.toArray(String[]::new);
    }

    private static void exitOnFailure(int status) {
        if (status != 0) {
            System.exit(status);
        }
    }
}
