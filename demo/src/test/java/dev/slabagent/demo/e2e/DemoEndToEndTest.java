package dev.slabagent.demo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slabagent.demo.Demo;
import dev.slabagent.demo.run.SlabRow;
import dev.slabagent.demo.show.LineDiff;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 5's CI check: the demo runs end to end with a small workload and shows what it promises. */
class DemoEndToEndTest {

    private static final String SEED_SLABINFO = "slabinfo printed by the agent at exit of its last run with the seed";
    private static final String FROZEN_SLABINFO =
            "slabinfo printed by the agent at exit of its last run with journal_frozen.properties";
    private static final String NEW_HANDLE = "NEW dev/slabagent/jbd/Handle";
    private static final Pattern SUMMARY = Pattern.compile("summary: baseline_us_per_write=(\\d+\\.\\d+)"
            + " agent_us_per_write=(\\d+\\.\\d+) ratio=(\\d+\\.\\d+) baseline_bytes_per_write=(\\d+\\.\\d+)"
            + " agent_bytes_per_write=(\\d+\\.\\d+) hits=(\\d+)");

    @Test
    void demoShowsTheRewrittenBytecodeTheCacheAndTheSummary(@TempDir Path dir) {
        String output = runDemo("--dir", dir.toString(), "--writes", "20000", "--rounds", "1");

        List<String> start = diffOf(output, "start");
        assertTrue(start.stream().anyMatch(line -> line.startsWith(LineDiff.REMOVED) && line.contains(NEW_HANDLE)),
                () -> "start had no NEW of the handle before the rewrite:\n" + output);
        assertTrue(after(start).stream().noneMatch(line -> line.contains(NEW_HANDLE)),
                () -> "start still has a NEW of the handle after the rewrite:\n" + output);
        assertTrue(start.stream().anyMatch(line -> line.startsWith(LineDiff.ADDED)
                        && (line.contains("INVOKEDYNAMIC") || line.contains("INVOKESTATIC"))),
                () -> "no call into the slab cache was added to start:\n" + output);
        assertTrue(diffOf(output, "stop").stream().anyMatch(line -> line.startsWith(LineDiff.ADDED)
                        && line.contains("dev/slabagent/runtime/")),
                () -> "no call into the slab cache (the free) was inserted into stop:\n" + output);

        SlabRow cache = SlabRow.find(slabinfoAfter(output, SEED_SLABINFO), "journal_handle").orElseThrow(
                () -> new AssertionError("no journal_handle slabinfo line for the seed config:\n" + output));
        assertTrue(cache.hits() > 0, () -> "journal_handle has no hits: " + cache);
        String frozenTable = slabinfoAfter(output, FROZEN_SLABINFO);
        SlabRow copies = SlabRow.find(frozenTable, "journal_frozen").orElseThrow(
                () -> new AssertionError("no journal_frozen slabinfo line for journal_frozen.properties:\n" + output));
        assertTrue(copies.hits() > 0 && copies.frees() > 0, () -> "journal_frozen reused no frozen copy: " + copies);
        assertTrue(SlabRow.find(frozenTable, "journal_handle").isPresent(),
                () -> "journal_frozen.properties' run has no journal_handle line:\n" + output);
        assertTrue(output.lines().anyMatch(line -> line.startsWith("frozen ")),
                () -> "no row for the frozen run in the comparison table:\n" + output);

        List<String> lines = output.strip().lines().toList();
        Matcher summary = SUMMARY.matcher(lines.get(lines.size() - 1));
        assertTrue(summary.matches(), () -> "the last line is not a well-formed summary:\n" + output);
        assertEquals(cache.hits(), Long.parseLong(summary.group(6)), "summary hits differ from slabinfo's");
        double ratio = Double.parseDouble(summary.group(2)) / Double.parseDouble(summary.group(1));
        assertEquals(ratio, Double.parseDouble(summary.group(3)), 0.001, "ratio is not agent / baseline");
        assertTrue(lines.get(lines.size() - 2).startsWith("verdict: "), "no verdict before the summary");
        assertTrue(lines.stream().noneMatch(line -> line.contains(" -javaagent:")),
                () -> "child JVM command lines printed without --verbose:\n" + output);
    }

    @Test
    void aBadOptionIsAOneLineErrorWithoutRunningAnything() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Demo.commandLine(new Demo(new PrintStream(new ByteArrayOutputStream())))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8)).execute("--writes", "0");
        assertEquals(1, code);
        assertEquals("demo: writes and threads must be at least 1, got writes=0 threads=1",
                err.toString(StandardCharsets.UTF_8).strip());
    }

    private static String runDemo(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int code = Demo.commandLine(new Demo(out)).setErr(new PrintWriter(out, true)).execute(args);
        String output = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, () -> "the demo failed:\n" + output);
        return output;
    }

    /** The lines from the first one starting with {@code heading} to the next empty line. */
    private static String slabinfoAfter(String output, String heading) {
        List<String> lines = output.lines().dropWhile(line -> !line.startsWith(heading)).skip(1)
                .takeWhile(line -> !line.isBlank()).toList();
        assertTrue(!lines.isEmpty(), () -> "nothing under '" + heading + "':\n" + output);
        return String.join("\n", lines);
    }

    /** The diff lines (with their '- '/'+ '/'  ' prefixes) the demo printed for Journal's method {@code name}. */
    private static List<String> diffOf(String output, String name) {
        List<String> diff = new ArrayList<>();
        boolean in = false;
        for (String line : output.lines().toList()) {
            if (line.startsWith("bytecode of ")) {
                in = line.startsWith("bytecode of dev.slabagent.jbd.Transactions#" + name + " ");
            } else if (in && line.startsWith("  ")) {
                diff.add(line.substring(2));
            } else {
                in = false;
            }
        }
        assertTrue(!diff.isEmpty(), () -> "the demo showed no bytecode of Transactions#" + name + ":\n" + output);
        return diff;
    }

    /** The lines of a diff that exist after the rewrite (unchanged or added), without their prefixes. */
    private static List<String> after(List<String> diff) {
        return diff.stream().filter(line -> line.startsWith(LineDiff.SAME) || line.startsWith(LineDiff.ADDED))
                .map(line -> line.substring(LineDiff.SAME.length())).toList();
    }
}
