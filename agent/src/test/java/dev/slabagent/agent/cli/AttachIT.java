package dev.slabagent.agent.cli;

import static dev.slabagent.agent.cli.SlabCliTest.assertOneLineError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slabagent.agent.cli.SlabCliTest.Run;
import dev.slabagent.jbd.Transactions;
import dev.slabagent.runtime.management.CacheMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code attach}, {@code detach}, {@code enable} and {@code disable} against jbd-target's journal writing in a child
 * JVM ({@link WorkloadChild}), with the shaded agent jar built in the package phase. The CLI runs in process
 * (loading {@code target/slab-agent.jar}), except where {@code java -jar} itself is the point.
 */
@Timeout(180)
class AttachIT {

    private static final Path AGENT_JAR = Path.of("target", "slab-agent.jar").toAbsolutePath();
    private static final Path CONFIGS = Path.of("..", "demo", "configs").toAbsolutePath().normalize();
    private static final Path HANDLE_CONFIG = CONFIGS.resolve("journal_handle.properties");
    /** The seed config's cache after an attach: on, and verifying its release rule (the default) before reuse. */
    private static final String HANDLE_ON = "journal_handle: on \\(strategy magazine, [1-9]\\d* classes retransformed;"
            + " verifying its release rule on 1000 releases before reusing objects\\)\n";

    @TempDir
    Path dir;

    private static Run cli(String... args) {
        assertTrue(Files.isRegularFile(AGENT_JAR), AGENT_JAR + " missing: run mvn package first");
        return SlabCliTest.run(AGENT_JAR, args);
    }

    private static Run ok(String... args) {
        Run r = cli(args);
        assertEquals(0, r.exit(), r.toString());
        return r;
    }

    /**
     * The slabinfo figures of one cache: active_objs, num_objs, objsize, allocs, frees, hits, misses (and the three
     * debug columns once slab debugging has been on), without the verification's columns.
     */
    private static long[] row(WorkloadChild child, String cache) {
        String out = ok("slabinfo", Long.toString(child.pid())).out();
        assertTrue(out.startsWith("# name active_objs num_objs objsize allocs frees hits misses"), out);
        String line = out.lines().filter(l -> l.startsWith(cache + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no cache " + cache + " in\n" + out));
        int columns = out.lines().findFirst().orElseThrow().contains(" double_frees") ? 10 : 7;
        return Arrays.stream(line.split(" ")).skip(1).limit(columns).mapToLong(Long::parseLong).toArray();
    }

    private static long hits(WorkloadChild child, String cache) {
        return row(child, cache)[5];
    }

    /** Hits of {@code cache} grow while the workload writes (once its release rule is verified: within 10 s). */
    private static void assertHitsRise(WorkloadChild child, String cache) throws Exception {
        long before = hits(child, cache);
        long end = System.nanoTime() + 10_000_000_000L;
        do {
            child.awaitWrites(2000);
        } while (hits(child, cache) == before && System.nanoTime() < end);
        assertTrue(hits(child, cache) > before, () -> cache + " is hit: " + ok("slabinfo", Long.toString(child.pid())).out());
    }

    /** The counters of {@code cache} stay put while the workload writes on. */
    private static void assertCountersStopped(WorkloadChild child, String cache) throws Exception {
        child.awaitWrites(500); // a write running old code during the switch may still count once
        long[] before = row(child, cache);
        child.awaitWrites(2000);
        assertEquals(Arrays.toString(before), Arrays.toString(row(child, cache)), cache + " is switched off");
    }

    @Test
    void attachToAPlainJvmThenDetachRestoresItsClassesAndTheJournalIsWhole() throws Exception {
        try (WorkloadChild child = WorkloadChild.start(dir, 1, List.of())) {
            String pid = Long.toString(child.pid());
            Map<String, String> original = child.classFiles();

            assertTrue(ok("attach", pid, HANDLE_CONFIG.toString()).out().matches(HANDLE_ON));
            assertFalse(child.managementAgentRuns(), "attach reads what it installed from its outcome file: it starts"
                    + " no JMX connector in the JVM");
            assertHitsRise(child, "journal_handle");
            assertTrue(child.managementAgentRuns(), "slabinfo asks the MBeans");
            assertTrue(row(child, "journal_handle")[2] > 0, "objsize is measured at the release point too,"
                    + " even if every allocation after the attach is a hit");
            assertEquals(Set.of(Transactions.class.getName()), WorkloadChild.changed(original, child.classFiles()),
                    "Transactions (new Handle, release at stop) is rewritten, nothing else");

            Run detach = ok("detach", pid);
            assertTrue(detach.out().matches("detached: journal_handle off, [1-9]\\d* classes restored\n"), detach.out());
            assertCountersStopped(child, "journal_handle");
            assertEquals(Set.of(), WorkloadChild.changed(original, child.classFiles()),
                    "every class runs its original code again");

            assertTrue(ok("attach", pid, HANDLE_CONFIG.toString()).out().matches(HANDLE_ON), "attach after detach");
            assertHitsRise(child, "journal_handle");
            ok("detach", pid);
            assertEquals(Set.of(), WorkloadChild.changed(original, child.classFiles()));
            child.stopAndVerify();
        }
    }

    @Test
    void attachWhileAttachedReplacesTheConfigAndJavaJarFindsItsOwnJar() throws Exception {
        try (WorkloadChild child = WorkloadChild.start(dir, 1, List.of())) {
            String pid = Long.toString(child.pid());
            Process p = new ProcessBuilder(ChildJvm.javaCommand(), "-jar", AGENT_JAR.toString(), "attach", pid,
                    CONFIGS.resolve("journal_frozen.properties").toString()).redirectErrorStream(true).start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.matches(HANDLE_ON + "journal_frozen: on \\(strategy magazine, [1-9]\\d* classes retransformed; verifying its release rule on 1000"
                    + " releases before reusing objects\\)\n"),
                    out);
            assertHitsRise(child, "journal_frozen");

            assertTrue(ok("attach", pid, HANDLE_CONFIG.toString()).out().matches(HANDLE_ON));
            assertCountersStopped(child, "journal_frozen");
            assertHitsRise(child, "journal_handle");

            Path partial = config("partial", Files.readString(HANDLE_CONFIG) + "slab.ghost.class=dev.slabagent.jbd.Ghost\n"
                    + "slab.ghost.release=dev.slabagent.jbd.Transactions#stop:0\n");
            Run r = ok("attach", pid, partial.toString());
            assertTrue(r.out().matches(HANDLE_ON), r.out());
            assertEquals("slab-agent attach: slab.ghost.class: class dev.slabagent.jbd.Ghost not found; cache ghost is"
                    + " not rewritten\n", r.err());
            child.stopAndVerify();
        }
    }

    @Test
    void aConfigOfWhichNoCacheCanBeSwitchedOnIsOneLineAndExit2() throws Exception {
        try (WorkloadChild child = WorkloadChild.start(dir, 1, List.of())) {
            String pid = Long.toString(child.pid());
            Path bad = config("bad", Files.readString(HANDLE_CONFIG).replace("capacity=1024", "capacity=lots"));
            Run r = cli("attach", pid, bad.toString());
            assertEquals(2, r.exit(), r.toString());
            assertEquals("", r.out());
            assertTrue(r.err().matches("slab-agent attach: " + bad + ": no cache switched on: config: "
                    + "slab.journal_handle.capacity: .*\n"), r.err());
            Path empty = config("empty", "sites=dev.slabagent.jbd\n");
            assertOneLineError(cli("attach", pid, empty.toString()),
                    "slab-agent attach: " + empty + ": no cache switched on (the config defines none)");
            assertOneLineError(cli("enable", pid, "journal_handle"), "slab-agent enable: JVM " + pid
                    + " has no cache 'journal_handle' (caches: none)");
            assertEquals("detached: no config was installed\n", ok("detach", pid).out());
            child.stopAndVerify();
        }
    }

    @Test
    void toggleStormUnderTwoWritersLosesNoWriteAndRedefinesNoClass() throws Exception {
        Path redefinitions = dir.resolve("redefine.log");
        try (WorkloadChild child = WorkloadChild.start(dir, 2,
                List.of("-Xlog:redefine+class+load=info:file=" + redefinitions))) {
            String pid = Long.toString(child.pid());
            // Sampling one release in 16: every switch must leave the release rule's verdict alone (no hazard).
            Path storm = config("storm", Files.readString(HANDLE_CONFIG) + "slab.journal_handle.sample=16\n");
            assertTrue(ok("attach", pid, storm.toString()).out().matches(HANDLE_ON));
            long atAttach = Files.readAllLines(redefinitions).size();
            assertTrue(atAttach > 0, "the attach's retransformation is logged");
            for (int i = 0; i < 50; i++) {
                assertTrue(ok("disable", pid, "journal_handle").out()
                        .matches("journal_handle: disabled \\(\\d+ sites relinked, no class retransformed\\)\n"));
                assertTrue(ok("enable", pid, "journal_handle").out()
                        .matches("journal_handle: enabled \\(\\d+ sites relinked, no class retransformed\\)\n"));
            }
            try (TargetJvm jvm = TargetJvm.connect(pid)) { // 900 more through one MBean connection, as JConsole would
                CacheMXBean cache = jvm.cache("journal_handle");
                for (int i = 0; i < 450; i++) {
                    assertTrue(jvm.call(cache::disable).startsWith("journal_handle: disabled ("));
                    assertTrue(jvm.call(cache::enable).startsWith("journal_handle: enabled ("));
                }
            }
            assertEquals(atAttach, Files.readAllLines(redefinitions).size(), "1,000 switches redefine no class");
            assertHitsRise(child, "journal_handle");
            long[] row = row(child, "journal_handle");
            assertEquals(row[3], row[5] + row[6], "allocs = hits + misses: " + Arrays.toString(row));
            child.stopAndVerify();
        }
    }

    @Test
    void aJvmStartedWithTheAgentIsSwitchedTheSameWay() throws Exception {
        String javaagent = "-javaagent:" + AGENT_JAR + "=" + HANDLE_CONFIG;
        try (WorkloadChild child = WorkloadChild.start(dir, 1, List.of(javaagent))) {
            String pid = Long.toString(child.pid());
            assertHitsRise(child, "journal_handle");
            assertTrue(ok("disable", pid, "journal_handle").out()
                    .matches("journal_handle: disabled \\([1-9]\\d* sites relinked, no class retransformed\\)\n"));
            assertCountersStopped(child, "journal_handle");
            assertTrue(ok("enable", pid, "journal_handle").out()
                    .matches("journal_handle: enabled \\([1-9]\\d* sites relinked, no class retransformed\\)\n"));
            assertHitsRise(child, "journal_handle");
            assertTrue(ok("debug", pid, "journal_handle", "on").out()
                    .matches("journal_handle: debug on \\([1-9]\\d* classes retransformed\\)\n"));
            child.awaitWrites(2000);
            String debugged = ok("slabinfo", pid).out();
            assertTrue(debugged.startsWith("# name active_objs num_objs objsize allocs frees hits misses"
                    + " double_frees use_after_free leaked\n"), debugged);
            assertTrue(debugged.lines().anyMatch(l -> l.startsWith("journal_handle ") && l.endsWith(" 0 0 0")),
                    "the journal under slab debugging reports nothing: " + debugged);
            assertTrue(ok("debug", pid, "journal_handle", "off").out()
                    .matches("journal_handle: debug off \\([1-9]\\d* classes retransformed\\)\n"));
            assertHitsRise(child, "journal_handle");
            assertTrue(ok("detach", pid).out().matches("detached: journal_handle off, [1-9]\\d* classes restored\n"));
            assertCountersStopped(child, "journal_handle");
            assertTrue(ok("attach", pid, HANDLE_CONFIG.toString()).out().matches(HANDLE_ON), "attach after premain");
            assertHitsRise(child, "journal_handle");
            child.stopAndVerify();
        }
    }

    private Path config(String name, String text) throws Exception {
        Path file = dir.resolve(name + ".properties");
        Files.writeString(file, text);
        return file;
    }
}
