package dev.slabagent.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slabagent.runtime.SlabCache;
import dev.slabagent.runtime.SlabRegistry;
import fixture.pool.Loop;
import fixture.pool.Packet;
import fixture.pool.Router;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code enable} and {@code disable} flip a linkage switch: no class is redefined, a switched-off site constructs
 * with plain {@code new} and its release point frees nothing, and code already running follows the switch.
 */
class LinkageSwitchTest {

    private static final String CONFIG = """
            slab.packet.class=fixture.pool.Packet
            slab.packet.release=fixture.pool.Router#stop:0
            slab.packet.when=ref==0
            slab.packet.capacity=64
            slab.packet.strategy=magazine
            slab.packet.verify=0
            slab.packet.sample=0
            sites=fixture.pool
            """;

    @AfterEach
    void uninstall() {
        Loop.stop = true;
        TestAgent.installer().uninstall();
    }

    @Test
    @Timeout(120)
    void aThousandSwitchesUnderTwoWorkersRedefineNothingAndNeverShareAnObject() throws Exception {
        install();
        Router.open(0);
        Instrumentation inst = TestAgent.instrumentation();
        AtomicInteger redefinitions = new AtomicInteger();
        ClassFileTransformer counter = new ClassFileTransformer() {
            @Override
            public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
                                    byte[] classFile) {
                if (redefined != null) {
                    redefinitions.incrementAndGet();
                }
                return null;
            }
        };
        inst.addTransformer(counter, true);
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong shared = new AtomicLong();
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try {
            List<Future<Long>> runs = new ArrayList<>();
            for (int w = 1; w <= 2; w++) {
                long me = w;
                runs.add(workers.submit(() -> work(me, done, shared)));
            }
            for (int i = 0; i < 500; i++) {
                assertEquals(1, TestAgent.installer().disable("packet"), "one site linked (Router.open(J), run above)");
                assertEquals(1, TestAgent.installer().enable("packet"));
            }
            done.set(true);
            long operations = runs.get(0).get() + runs.get(1).get();
            assertTrue(operations > 0);
        } finally {
            done.set(true);
            workers.shutdownNow();
            inst.removeTransformer(counter);
        }
        assertEquals(0, redefinitions.get(), "a switch redefines no class");
        assertEquals(0, shared.get(), "no packet was handed to two workers at once");
        SlabCache c = SlabRegistry.get("packet");
        assertEquals(c.stats().allocs(), c.stats().hits() + c.stats().misses());
    }

    /** Opens and stops packets until {@code done}, checking that no other worker holds the same one meanwhile. */
    private static long work(long me, AtomicBoolean done, AtomicLong shared) {
        long n = 0;
        while (!done.get()) {
            Packet p = Router.open(n);
            p.owner = me;
            Thread.onSpinWait();
            if (p.owner != me) {
                shared.incrementAndGet();
            }
            p.ref = 1;
            p.ref = 1;
        Router.stop(p);
            n++;
        }
        return n;
    }

    @Test
    void aSwitchedOffSiteConstructsWithNewAndItsReleaseFreesNothing() {
        install();
        Packet used = Router.open(1);
        used.ref = 1;
        Router.stop(used);
        assertSame(used, Router.open(2), "on: the released packet is reused");
        assertEquals(1, TestAgent.installer().disable("packet"));
        Packet p = Router.open(3);
        p.ref = 1;
        Router.stop(p);
        long frees = SlabRegistry.get("packet").stats().frees();
        assertNotSame(p, Router.open(4), "off: a released packet is not reused");
        assertEquals(frees, SlabRegistry.get("packet").stats().frees(), "off: the release point frees nothing");
        assertEquals(0, TestAgent.installer().disable("packet"), "already off");
        assertEquals(1, TestAgent.installer().enable("packet"));
        Packet q = Router.open(5);
        q.ref = 1;
        Router.stop(q);
        assertSame(q, Router.open(6), "on again: reused");
        assertEquals(-1, TestAgent.installer().enable("nosuchcache"));
    }

    @Test
    @Timeout(60)
    void aLoopAlreadyRunningInARewrittenMethodStopsAllocatingFromTheCacheWhenDisabled() throws Exception {
        whileALoopRuns(c -> {
            TestAgent.installer().disable("packet");
            long atDisable = c.stats().allocs();
            assertAllocationsSettle(c, "the running loop still allocates from the cache after disable ("
                    + atDisable + " allocations at it)");
            TestAgent.installer().enable("packet");
            awaitHits(c, c.stats().hits() + 100_000);
        });
    }

    /**
     * A loop running the old code of a rewritten method when its config is installed again: it leaves the replaced
     * cache (its site constructs with new) and the replaced cache's objects are never handed out again.
     */
    @Test
    @Timeout(60)
    void aLoopAlreadyRunningLeavesAReplacedCache() throws Exception {
        whileALoopRuns(replaced -> {
            install();
            assertNotSame(replaced, SlabRegistry.get("packet"));
            assertAllocationsSettle(replaced, "the running loop still allocates from the replaced cache");
        });
    }

    /** What a test does with the cache while {@link Loop#spin} runs. */
    private interface WithLoop {
        void run(SlabCache c) throws Exception;
    }

    /**
     * Installs the config, runs {@link Loop#spin} (one frame for the whole loop) on another thread until the cache
     * has 100,000 hits, hands the cache to {@code step}, then stops the loop.
     */
    private static void whileALoopRuns(WithLoop step) throws Exception {
        install();
        Loop.stop = false;
        Thread spinner = new Thread(Loop::spin, "spinner");
        spinner.start();
        SlabCache c = SlabRegistry.get("packet");
        try {
            awaitHits(c, 100_000);
            step.run(c);
        } finally {
            Loop.stop = true;
            spinner.join();
        }
    }

    /** Fails with {@code message} if {@code c}'s allocations still grow 300 ms from now. */
    private static void assertAllocationsSettle(SlabCache c, String message) throws InterruptedException {
        Thread.sleep(300);
        long settled = c.stats().allocs();
        Thread.sleep(300);
        assertEquals(settled, c.stats().allocs(), message);
    }

    private static void awaitHits(SlabCache c, long least) throws InterruptedException {
        while (c.stats().hits() < least) {
            Thread.sleep(10);
        }
    }

    private static void install() {
        Installation installed = TestAgent.install(CONFIG);
        assertEquals(List.of(), installed.problems());
        assertEquals(List.of("packet"), installed.activated());
    }
}
