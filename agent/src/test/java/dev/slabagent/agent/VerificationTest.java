package dev.slabagent.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slabagent.runtime.SlabCache;
import dev.slabagent.runtime.SlabRegistry;
import dev.slabagent.runtime.SlabStats;
import dev.slabagent.runtime.verify.Verification;
import fixture.hazard.Hazards;
import fixture.hazard.Held;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Verify before reuse, on the six release rules real libraries showed to be wrong ({@link Hazards}): under the
 * default settings each is found while the cache verifies, the cache stays off, one WARN line names the hazard
 * and its stacks, and the program's output is what it is without the agent. A rule that goes wrong only after the
 * cache went live is found by sampling and switches the cache off.
 */
class VerificationTest {

    private static final String H = "fixture.hazard.Hazards$";
    private static final int RELEASES = 2000;

    @AfterEach
    void uninstall() {
        TestAgent.installer().uninstall();
    }

    /** A scenario: its cache's config, and the program as a function of (iterations, leaky). */
    record Scenario(String name, String config, BiFunction<Integer, Boolean, String> program) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> scenarios() {
        return Stream.of(
                new Scenario("buf", "slab.buf.class=" + H + "Buf\nslab.buf.release=" + H + "Printer#print:1\n",
                        Hazards::callerKeepsBuffer),
                new Scenario("codec", "slab.codec.class=" + H + "Codec\nslab.codec.release=" + H + "Codec#finish:this\n",
                        Hazards::wrapperUsesCodec),
                new Scenario("ctx", "slab.ctx.class=" + H + "Ctx\nslab.ctx.release=" + H + "Contexts#release:0\n",
                        Hazards::siblingUsesContext),
                new Scenario("conn", "slab.conn.class=" + H + "Conn\nslab.conn.release=" + H + "Pool#done:0\n",
                        Hazards::nestedOverloads),
                new Scenario("tally", "slab.tally.class=" + H + "Tally\nslab.tally.release=" + H + "Tallies#done:0\n",
                        Hazards::writtenAfterDone),
                new Scenario("packer", "slab.packer.class=" + H + "Packer\nslab.packer.release=" + H
                        + "Packer#finish:this\n", Hazards::closedAfterFinish)).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void aWrongRuleIsFoundWhileVerifyingAndTheOutputIsUnchanged(Scenario s) throws InterruptedException {
        String expected = s.program().apply(RELEASES, true);
        install(s.config() + "sites=fixture.hazard\n");
        try (StderrCapture err = new StderrCapture()) {
            assertEquals(expected, s.program().apply(RELEASES, true), "verification changed the program's output");
            SlabStats stats = awaitState(s.name(), Verification.State.OFF, null);
            assertEquals(0, stats.hits(), () -> "an object was reused while verifying: " + stats);
            assertTrue(stats.hazards() >= 1, () -> "no hazard counted: " + stats);
            String warn = hazardLine(err.text(), s.name());
            assertTrue(warn.contains("release at fixture.hazard.Hazards") || warn.contains("released at fixture.hazard"),
                    () -> "no release stack: " + warn);
            assertTrue(warn.contains("allocated at fixture.hazard.Hazards"), () -> "no allocation stack: " + warn);
            assertEquals(expected, s.program().apply(RELEASES, true), "the cache switched off changed the output");
            assertEquals(0, cache(s.name()).stats().hits(), "an object was reused after the hazard");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void aRuleThatGoesWrongWhenLiveIsFoundBySampling(Scenario s) throws InterruptedException {
        String clean = s.program().apply(RELEASES, false);
        install(s.config() + "sites=fixture.hazard\nslab." + s.name() + ".verify=200\nslab." + s.name()
                + ".sample=8\n");
        try (StderrCapture err = new StderrCapture()) {
            for (long end = System.nanoTime() + 10_000_000_000L;
                 cache(s.name()).stats().state().equals("verifying") && System.nanoTime() < end; ) {
                assertEquals(clean, s.program().apply(RELEASES, false));
                Thread.sleep(20);
            }
            assertEquals(SlabStats.LIVE, cache(s.name()).stats().state(), () -> "a clean rule did not go live: "
                    + err.text());
            assertEquals(clean, s.program().apply(RELEASES, false), "the live cache changed the clean output");
            assertTrue(cache(s.name()).stats().hits() > 0, "the live cache reused nothing");
            awaitState(s.name(), Verification.State.OFF, () -> s.program().apply(RELEASES, true));
            assertTrue(hazardLine(err.text(), s.name()).contains("cache off"));
            long hits = cache(s.name()).stats().hits();
            s.program().apply(RELEASES, true);
            assertEquals(hits, cache(s.name()).stats().hits(), "the cache reused objects after it switched off");
        }
    }

    /**
     * A thread that released an object and then blocks, its frame still holding the object in a local it never
     * reads again (as a virtual thread unmounted behind thousands of others does), holds no hazard: its object is
     * judged only once the thread releases again or ends, and the cache goes live on the other releases.
     */
    @Test
    void aThreadBlockedRightAfterItsReleaseIsNoHazard() throws Exception {
        installBuf(50);
        CountDownLatch resume = new CountDownLatch(1);
        Thread blocked = Held.releaseAndHold(resume);
        try {
            for (int i = 0; i < 20; i++) {
                Hazards.Printer.print("next", new Hazards.Buf());
            }
            for (int gc = 0; gc < 3; gc++) {
                System.gc();
                Thread.sleep(100);
            }
            for (int i = 0; i < 200; i++) {
                Hazards.Printer.print("next", new Hazards.Buf());
            }
            SlabStats stats = awaitState("buf", Verification.State.LIVE, null);
            assertEquals(0, stats.hazards(), () -> "a blocked thread's dead local was judged a hazard: " + stats);
            assertTrue(blocked.isAlive(), "the thread still held its object while the cache went live");
        } finally {
            resume.countDown();
            blocked.join();
        }
    }

    /**
     * A thread that held its released object through a full collection (blocked, as a virtual thread parked behind
     * thousands of others may be) and then ended leaves the object unreachable in the old generation, where young
     * collections never clear it. That is no hazard: only a full collection that started after the thread ended could
     * say the object is still held (seen as "still reachable after 2 garbage collections" with a virtual thread per
     * task on JDK 25, in 3 of 33 runs of Commons Codec and Gson, before).
     */
    @Test
    void anObjectHeldThroughAFullCollectionByAThreadThatThenEndedIsNoHazard() throws Exception {
        installBuf(1000);
        CountDownLatch resume = new CountDownLatch(1);
        Thread holder = Held.releaseAndHold(resume);
        System.gc(); // the holder still holds its object: it survives, into the old generation
        resume.countDown();
        holder.join();
        long young = Held.youngCollections();
        for (long end = System.nanoTime() + 20_000_000_000L;
             Held.youngCollections() < young + 4 && System.nanoTime() < end; ) {
            Held.churn(); // young collections only, with time for the verifier to judge after each
            Thread.sleep(30);
        }
        assertTrue(Held.youngCollections() >= young + 4, "no young collections to judge at");
        SlabStats stats = cache("buf").stats();
        assertEquals(0, stats.hazards(), () -> "an unreachable object was judged a hazard: " + stats);
        assertEquals("verifying", stats.state());
    }

    /**
     * A task on a thread of its own (a virtual thread per task where the JDK has them, a new platform thread each on
     * JDK 17) that writes to its tally after declaring it done, then ends: found once its thread has ended, while the
     * cache verifies, and the output stays what it is without the agent (commons-text's builder released before its
     * last append changed a virtual-thread program's output, unseen, before).
     */
    @Test
    void aTaskThatWritesAfterItsReleaseAndEndsIsFound() throws Exception {
        int tasks = 3000;
        ExecutorService perTask = perTaskExecutor();
        try {
            String expected = Hazards.writtenAfterDoneByEachTask(perTask, tasks);
            install("slab.tally.class=" + H + "Tally\nslab.tally.release=" + H + "Tallies#done:0\nsites=fixture.hazard\n");
            try (StderrCapture err = new StderrCapture()) {
                assertEquals(expected, Hazards.writtenAfterDoneByEachTask(perTask, tasks), "the output changed");
                SlabStats stats = awaitState("tally", Verification.State.OFF, null);
                assertEquals(0, stats.hits(), () -> "an object was reused while verifying: " + stats);
                assertTrue(hazardLine(err.text(), "tally").contains("written after its release (field Tally.sum"
                        + " changed"), err::text);
                assertEquals(expected, Hazards.writtenAfterDoneByEachTask(perTask, tasks), "the output changed off");
            }
        } finally {
            perTask.shutdown();
        }
    }

    /** A virtual thread per task on JDK 21 and later; before, a new platform thread per task. */
    private static ExecutorService perTaskExecutor() throws ReflectiveOperationException {
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (NoSuchMethodException e) {
            assertTrue(Runtime.version().feature() < 21, "virtual threads missing on JDK " + Runtime.version());
            return Executors.newCachedThreadPool(r -> new Thread(r));
        }
    }

    /** Installs the cache of {@code Hazards.Buf}, released by {@code Printer.print}, verifying {@code verify} releases. */
    private static void installBuf(int verify) {
        install("slab.buf.class=" + H + "Buf\nslab.buf.release=" + H + "Printer#print:1\nslab.buf.verify=" + verify
                + "\nslab.buf.sample=0\nsites=fixture.hazard\n");
    }

    @Test
    void switchingOffWhileOtherThreadsAllocateAndReleaseHandsNothingOutTwice() throws Exception {
        install("slab.codec.class=" + H + "Codec\nslab.codec.release=" + H + "Codec#finish:this\n"
                + "slab.codec.verify=0\nslab.codec.sample=2\nsites=fixture.hazard\n");
        Set<Object> out = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        List<Object> kept = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger twice = new AtomicInteger();
        AtomicBoolean leak = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread w = new Thread(() -> {
                while (!stop.get()) {
                    Hazards.Codec c = Hazards.openCodec();
                    if (!out.add(c)) {
                        twice.incrementAndGet();
                    }
                    c.feed(1);
                    out.remove(c);
                    c.finish();
                    if (leak.get()) {
                        kept.add(c);
                        LockSupport.parkNanos(1_000_000);
                    }
                }
            });
            workers.add(w);
            w.start();
        }
        try (StderrCapture err = new StderrCapture()) {
            Thread.sleep(100);
            assertTrue(cache("codec").stats().hits() > 0, "the live cache reused nothing");
            leak.set(true);
            awaitState("codec", Verification.State.OFF, () -> { });
            Thread.sleep(20);
            long hitsWhenOff = cache("codec").stats().hits();
            Thread.sleep(100);
            assertEquals(hitsWhenOff, cache("codec").stats().hits(), "objects were reused after the cache went off");
            assertTrue(hazardLine(err.text(), "codec").contains("still reachable"));
        } finally {
            stop.set(true);
            for (Thread w : workers) {
                w.join();
            }
        }
        assertEquals(0, twice.get(), "an object was handed out while another thread held it");
    }

    private static void install(String config) {
        Installation installed = TestAgent.installer().install(
                dev.slabagent.agent.config.ConfigParser.parse(config));
        assertEquals(List.of(), installed.problems());
    }

    private static SlabCache cache(String name) {
        return SlabRegistry.get(name);
    }

    /**
     * Waits (up to 10 s) for cache {@code name} to reach {@code state}. While verifying, the verifier asks for the
     * collections it needs; a live cache judges its samples at the program's own collections, so a {@code program}
     * given runs on meanwhile, with a collection after each step.
     */
    private static SlabStats awaitState(String name, Verification.State state, Runnable program)
            throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (cache(name).verification().state() != state && System.nanoTime() < end) {
            if (program != null) {
                program.run();
                System.gc();
            }
            Thread.sleep(20);
        }
        SlabStats stats = cache(name).stats();
        assertEquals(state.label(), stats.state(), () -> "cache " + name + " did not reach " + state + ": " + stats);
        return stats;
    }

    private static String hazardLine(String stderr, String name) {
        List<String> lines = stderr.lines().filter(l -> l.contains("slab-agent: cache " + name + ": hazard:")).toList();
        assertEquals(1, lines.size(), () -> "expected one hazard line for " + name + ", got: " + stderr);
        return lines.get(0);
    }
}
