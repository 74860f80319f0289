package dev.slabagent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract every cache strategy passes (JCTools style: one suite, one small subclass per strategy and kind
 * of cached object). See the package documentation of {@code dev.slabagent.runtime} for the guarantees tested.
 */
abstract class SlabCacheContract {

    static final int CAPACITY = 64;
    static final int THREADS = 4;
    static final int PAIRS_PER_THREAD = 250_000;
    /** Every HAND_OFF-th object is freed by the next thread instead of the allocating one. */
    static final int HAND_OFF = 4;

    /** The strategy under test. */
    abstract Strategy strategy();

    /** What the cache holds; plain objects unless a subclass says otherwise. */
    Tagging tagging() {
        return new Tagging.Objects();
    }

    private final Tagging tagging = tagging();

    SlabCache cache(int capacity) {
        return SlabCache.create("contract_" + strategy().configName(), strategy(), capacity);
    }

    boolean keeps() {
        return strategy() != Strategy.NEW;
    }

    /** Free objects one stripe of the CPU layer, used by another thread, may hold back. */
    int perThreadSlack() {
        return strategy() == Strategy.MAGAZINE ? 2 * MagazineCache.MAX_ROUNDS : 0;
    }

    Object allocateOrCreate(SlabCache cache) {
        Object o = cache.allocate();
        return o != null ? o : tagging.create();
    }

    List<Object> createFresh(int n) {
        List<Object> objects = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            objects.add(tagging.create());
        }
        return objects;
    }

    @Test
    void theCacheKnowsItsNameStrategyAndCapacity() {
        SlabCache c = cache(CAPACITY);
        assertEquals("contract_" + strategy().configName(), c.name());
        assertEquals(strategy(), c.strategy());
        assertEquals(CAPACITY, c.capacity());
    }

    @Test
    void steadyAllocFreeLoopTurnsMissesIntoHits() {
        SlabCache c = cache(CAPACITY);
        for (int i = 0; i < 1_000; i++) {
            c.free(allocateOrCreate(c));
        }
        SlabStats warm = c.stats();
        for (int i = 0; i < 10_000; i++) {
            c.free(allocateOrCreate(c));
        }
        SlabStats after = c.stats();
        assertEquals(11_000, after.allocs());
        assertEquals(11_000, after.frees());
        if (keeps()) {
            assertEquals(1, warm.misses(), "only the very first allocation misses");
            assertEquals(warm.misses(), after.misses(), "misses stop growing");
            assertEquals(warm.hits() + 10_000, after.hits(), "hits grow by every allocation");
        } else {
            assertEquals(0, after.hits());
            assertEquals(11_000, after.misses());
        }
    }

    @Test
    void capacityBoundsTheFreeObjectsHeld() {
        SlabCache c = cache(CAPACITY);
        int extra = 50;
        for (Object o : createFresh(CAPACITY + extra)) {
            c.free(o);
        }
        SlabStats s = c.stats();
        assertEquals(CAPACITY + extra, s.frees());
        assertEquals(0, s.activeObjs(), "frees of objects the cache never handed out floor active at 0");
        assertEquals(keeps() ? CAPACITY : 0, s.numObjs() - s.activeObjs());

        Set<Object> handedOut = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < CAPACITY + extra; i++) {
            Object o = c.allocate();
            if (o != null) {
                assertTrue(handedOut.add(o), "the same free object was handed out twice");
            }
        }
        SlabStats drained = c.stats();
        assertEquals(keeps() ? CAPACITY : 0, drained.hits());
        assertEquals(keeps() ? extra : CAPACITY + extra, drained.misses());
        assertEquals(0, drained.numObjs() - drained.activeObjs());
    }

    @Test
    void statsFollowTheSlabinfoArithmetic() {
        SlabCache c = cache(CAPACITY);
        c.objectSize(24);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            out.add(allocateOrCreate(c));
        }
        for (int i = 0; i < 4; i++) {
            c.free(out.remove(out.size() - 1));
        }
        int held = keeps() ? 4 : 0;
        assertEquals(new SlabStats(c.name(), 6, 6 + held, 24, 10, 4, 0, 10), c.stats());
        for (int i = 0; i < 3; i++) {
            out.add(allocateOrCreate(c));
        }
        int hits = keeps() ? 3 : 0;
        assertEquals(new SlabStats(c.name(), 9, 9 + held - hits, 24, 13, 4, hits, 13 - hits), c.stats());
    }

    @Test
    void drainDropsEveryFreeObjectAndKeepsTheCounters() {
        SlabCache c = cache(CAPACITY);
        for (Object o : createFresh(10)) {
            c.free(o);
        }
        c.drain();
        SlabStats s = c.stats();
        assertEquals(0, s.numObjs() - s.activeObjs());
        assertEquals(10, s.frees());
        assertNull(c.allocate(), "nothing held before the drain is handed out after it");
        assertEquals(1, c.stats().misses());
        c.free(tagging.create());
        assertEquals(keeps() ? 1 : 0, c.stats().freeObjs(), "a drained cache keeps objects again");
    }

    @Test
    void freeOfNullIsIgnored() {
        SlabCache c = cache(CAPACITY);
        c.free(null);
        assertEquals(new SlabStats(c.name(), 0, 0, 0, 0, 0, 0, 0), c.stats());
        assertNull(c.allocate());
    }

    @Test
    void objectsFreedOnAnotherThreadAreHandedOutAgain() throws Exception {
        SlabCache c = cache(CAPACITY);
        int n = 48;
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(allocateOrCreate(c));
        }
        CountDownLatch freed = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread other = new Thread(() -> {
            out.forEach(c::free);
            freed.countDown();
            awaitQuietly(done);
        });
        other.start();
        freed.await();
        Set<Object> back = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < n; i++) {
            Object o = c.allocate();
            if (o != null) {
                assertTrue(out.contains(o), "an object came back that was never freed");
                assertTrue(back.add(o), "the same object was handed out twice");
            }
        }
        done.countDown();
        other.join();
        int expectedAtLeast = keeps() ? n - perThreadSlack() : 0;
        assertTrue(back.size() >= expectedAtLeast && (keeps() || back.isEmpty()),
                "objects freed on another thread that came back: " + back.size() + ", expected at least " + expectedAtLeast);
    }

    /**
     * THREADS threads each allocate and free PAIRS_PER_THREAD objects; every HAND_OFF-th object is handed to the
     * next thread through a queue and freed there. Each object carries an owner tag compare-and-set on hand-out,
     * on hand-off and before free: a cache that handed one object to two owners fails the CAS. A thread that is
     * done keeps emptying its inbox until all are, so no hand-off queue grows.
     */
    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {8, 256})
    @Timeout(120)
    void concurrentAllocFreeNeverHandsAnObjectToTwoOwners(int capacity) throws Exception {
        SlabCache c = cache(capacity);
        List<ConcurrentLinkedQueue<Object>> inboxes = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            inboxes.add(new ConcurrentLinkedQueue<>());
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CyclicBarrier start = new CyclicBarrier(THREADS);
        CountDownLatch running = new CountDownLatch(THREADS);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            int index = i;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    runWorker(c, index, inboxes, failure);
                    running.countDown();
                    while (running.getCount() > 0 && failure.get() == null) {
                        if (receive(c, inboxes.get(index), index + 1) == 0) {
                            Thread.yield();
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "contract-worker-" + i);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw new AssertionError("a worker failed", failure.get());
        }
        for (int i = 0; i < THREADS; i++) {
            for (Object o; (o = inboxes.get(i).poll()) != null; ) {
                assertTrue(tagging.cas(o, i + 1, Tagging.FREE), "object in inbox " + i + " not owned by its thread");
                c.free(o);
            }
        }
        SlabStats s = c.stats();
        long total = (long) THREADS * PAIRS_PER_THREAD;
        assertEquals(total, s.allocs());
        assertEquals(total, s.frees());
        assertEquals(0, s.activeObjs());
        assertTrue(s.numObjs() <= capacity, "free objects held exceed the capacity: " + s);
        if (keeps()) {
            assertTrue(s.hits() > (capacity >= 256 ? total / 2 : 0), "too few hits: " + s);
        } else {
            assertEquals(0, s.numObjs());
        }
        assertWholeCapacityUsable(c);
    }

    /** Frees fresh objects on this thread until the cache must be full: it holds exactly its capacity, none stranded. */
    void assertWholeCapacityUsable(SlabCache c) {
        for (Object o : createFresh(4 * c.capacity() + 4 * MagazineStripe.STARVED_RECLAIM_INTERVAL)) {
            c.free(o);
        }
        assertEquals(keeps() ? c.capacity() : 0, c.stats().freeObjs(), "the whole capacity is usable again, none stranded");
    }

    @Test
    void aFreeOfTheObjectJustFreedIsRefusedAndCounted() {
        SlabCache c = cache(CAPACITY);
        Object o = allocateOrCreate(c);
        c.free(o);
        c.free(o);
        SlabStats s = c.stats();
        assertEquals(keeps() ? 1 : 0, c.refusedFrees(), "refused frees");
        assertEquals(keeps() ? 1 : 2, s.frees(), "a refused free is not a free");
        assertEquals(keeps() ? 1 : 0, s.freeObjs());
        if (keeps()) {
            assertEquals(o, c.allocate());
            assertNull(c.allocate(), "the object was kept once, not twice");
        }
    }

    @Test
    @Timeout(60)
    void threadsThatEndWhileHoldingFreeObjectsLeaveThemInTheCache() throws Exception {
        SlabCache c = cache(CAPACITY);
        int threads = 8;
        int each = CAPACITY / threads;
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> createFresh(each).forEach(c::free));
            t.start();
            t.join();
        }
        assertEquals(keeps() ? CAPACITY : 0, c.stats().freeObjs(), "free objects of ended threads are kept, not dropped");
        Object[] first = new Object[1];
        Thread late = new Thread(() -> first[0] = c.allocate());
        late.start();
        late.join();
        assertEquals(keeps(), first[0] != null, "a new thread's first allocation is a hit");
        assertWholeCapacityUsable(c);
    }

    @Test
    @Timeout(120)
    void threadChurnStillHits() throws Exception {
        SlabCache c = cache(CAPACITY);
        int tasks = 10_000;
        for (int i = 0; i < tasks; i++) {
            Thread t = new Thread(() -> c.free(allocateOrCreate(c)));
            t.start();
            t.join();
        }
        SlabStats s = c.stats();
        assertEquals(tasks, s.allocs());
        assertEquals(tasks, s.frees());
        if (keeps()) {
            assertTrue(s.hits() >= tasks * 99L / 100, "a new thread per task must still hit: " + s);
        } else {
            assertEquals(0, s.hits());
        }
    }

    /**
     * 100,000 threads, two at a time, each frees three objects it made and allocates one it keeps: the free objects
     * held never exceed the capacity, and once they have all ended none of the capacity is stranded.
     */
    @Test
    @Timeout(300)
    void capacityHoldsAcross100000ShortLivedThreads() throws Exception {
        SlabCache c = cache(CAPACITY);
        int threads = 100_000;
        long maxHeld = 0;
        for (int i = 0; i < threads; i += 2) {
            Thread a = new Thread(() -> churnOnce(c));
            Thread b = new Thread(() -> churnOnce(c));
            a.start();
            b.start();
            a.join();
            b.join();
            if (i % 1_000 == 0) {
                maxHeld = Math.max(maxHeld, c.stats().freeObjs());
            }
        }
        SlabStats s = c.stats();
        assertTrue(maxHeld <= CAPACITY && s.freeObjs() <= CAPACITY, "free objects above the capacity: " + maxHeld + ", " + s);
        assertEquals(threads, s.allocs());
        assertEquals(3L * threads, s.frees());
        assertWholeCapacityUsable(c);
    }

    private void churnOnce(SlabCache c) {
        createFresh(3).forEach(c::free);
        allocateOrCreate(c);
    }

    /**
     * Virtual threads (JDK 21 and later; the CI's JDK 25 pass runs this), on their carriers' stripes as in a host: 20,000
     * tasks on a virtual thread each, each allocating one object, checking it has no other owner, and freeing it. On an
     * older JDK the test only checks that virtual threads are indeed missing there.
     */
    @Test
    @Timeout(120)
    void virtualThreadPerTaskHitsAndNeverSharesAnObject() throws Exception {
        Optional<ExecutorService> virtual = VirtualThreads.perTaskExecutor();
        if (virtual.isEmpty()) {
            return;
        }
        VirtualThreads.linkCarriers();
        SlabCache c = cache(CAPACITY);
        int tasks = 20_000;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        ExecutorService executor = virtual.get();
        try {
            for (int i = 0; i < tasks; i++) {
                int me = i + 1;
                executor.execute(() -> {
                    Object o = allocateOrCreate(c);
                    if (!tagging.cas(o, Tagging.FREE, me) || !tagging.cas(o, me, Tagging.FREE)) {
                        failure.compareAndSet(null, new AssertionError("task " + me + " shared " + o));
                    }
                    c.free(o);
                });
            }
        } finally {
            executor.shutdown();
            assertTrue(executor.awaitTermination(60, TimeUnit.SECONDS), "tasks did not end");
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        SlabStats s = c.stats();
        assertEquals(tasks, s.allocs());
        assertEquals(tasks, s.frees());
        assertTrue(s.freeObjs() <= CAPACITY, s.toString());
        if (keeps()) {
            assertTrue(s.hits() >= tasks * 95L / 100, "virtual threads must share the CPU layer: " + s);
        }
    }

    /** Four threads allocate and free (with the owner check) while this one drains the cache again and again. */
    @Test
    @Timeout(120)
    void drainConcurrentWithUseNeverHandsAnObjectToTwoOwners() throws Exception {
        SlabCache c = cache(CAPACITY);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            int me = i + 1;
            Thread t = new Thread(() -> {
                while (!stop.get() && failure.get() == null) {
                    Object o = allocateOrCreate(c);
                    if (!tagging.cas(o, Tagging.FREE, me) || !tagging.cas(o, me, Tagging.FREE)) {
                        failure.compareAndSet(null, new AssertionError("thread " + me + " shared " + o));
                    }
                    c.free(o);
                }
            });
            workers.add(t);
            t.start();
        }
        for (int i = 0; i < 2_000 && failure.get() == null; i++) {
            c.drain();
            assertTrue(c.stats().freeObjs() <= CAPACITY);
            Thread.yield();
        }
        stop.set(true);
        for (Thread t : workers) {
            t.join();
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        c.drain();
        assertEquals(0, c.stats().freeObjs(), "a drain with no thread using the cache empties every layer");
        SlabStats s = c.stats();
        assertEquals(s.allocs(), s.frees());
        assertWholeCapacityUsable(c);
    }

    /**
     * The stress test of thread ends: 25 generations of four short-lived threads; each allocates and frees with the
     * owner check, and hands every fourth object to the next generation through a queue, ending while those are in
     * flight and while its stripe holds free objects. No object is ever owned twice; at the end every object
     * allocated has been freed once (no free object lost or duplicated) and the capacity is whole.
     */
    @RepeatedTest(4)
    @Timeout(120)
    void objectsHandedAcrossEndingThreadsAreNeverShared() throws Exception {
        SlabCache c = cache(CAPACITY);
        ConcurrentLinkedQueue<Object> inbox = new ConcurrentLinkedQueue<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int generations = 25;
        int each = 5_000;
        for (int g = 0; g < generations && failure.get() == null; g++) {
            int owner = 1 + g % 2;
            ConcurrentLinkedQueue<Object> in = inbox;
            ConcurrentLinkedQueue<Object> out = new ConcurrentLinkedQueue<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                Thread t = new Thread(() -> {
                    try {
                        for (int n = 0; n < each; n++) {
                            freeHandedOn(c, in.poll(), 3 - owner);
                            Object o = allocateOrCreate(c);
                            check(tagging.cas(o, Tagging.FREE, owner), o, owner);
                            if (n % HAND_OFF == 0) {
                                out.offer(o);
                            } else {
                                check(tagging.cas(o, owner, Tagging.FREE), o, owner);
                                c.free(o);
                            }
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                });
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
            for (Object o; (o = in.poll()) != null; ) {
                freeHandedOn(c, o, 3 - owner);
            }
            inbox = out;
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        for (Object o; (o = inbox.poll()) != null; ) {
            freeHandedOn(c, o, 2 - generations % 2);
        }
        SlabStats s = c.stats();
        assertEquals((long) generations * THREADS * each, s.allocs());
        assertEquals(s.allocs(), s.frees(), "every object allocated was freed once");
        assertEquals(0, s.activeObjs());
        assertTrue(s.freeObjs() <= CAPACITY, s.toString());
        assertWholeCapacityUsable(c);
    }

    private void freeHandedOn(SlabCache c, Object o, int owner) {
        if (o != null) {
            check(tagging.cas(o, owner, Tagging.FREE), o, owner);
            c.free(o);
        }
    }

    /** A replaced cache is not kept alive by the threads that used it (live ones included). */
    @Test
    @Timeout(60)
    void aCacheNoLongerReferencedIsCollectedWhileItsThreadsLive() throws Exception {
        CountDownLatch used = new CountDownLatch(1);
        CountDownLatch end = new CountDownLatch(1);
        WeakReference<SlabCache> ref = useFromALiveThread(used, end);
        used.await();
        try {
            for (int i = 0; i < 100 && ref.get() != null; i++) {
                System.gc();
                Thread.sleep(10);
            }
            assertNull(ref.get(), "the cache is still reachable");
        } finally {
            end.countDown();
        }
    }

    private WeakReference<SlabCache> useFromALiveThread(CountDownLatch used, CountDownLatch end) {
        SlabCache c = cache(CAPACITY);
        c.free(allocateOrCreate(c));
        AtomicReference<SlabCache> handed = new AtomicReference<>(c);
        Thread t = new Thread(() -> {
            useAndForget(handed);
            used.countDown();
            awaitQuietly(end);
        });
        t.setDaemon(true);
        t.start();
        return new WeakReference<>(c);
    }

    /** Allocates and frees on the calling thread, which keeps no reference to the cache afterwards. */
    private void useAndForget(AtomicReference<SlabCache> handed) {
        SlabCache c = handed.getAndSet(null);
        c.free(allocateOrCreate(c));
        c.free(createFresh(1).get(0));
    }

    private void runWorker(SlabCache c, int index, List<ConcurrentLinkedQueue<Object>> inboxes,
                           AtomicReference<Throwable> failure) {
        int me = index + 1;
        int next = (index + 1) % THREADS;
        ConcurrentLinkedQueue<Object> inbox = inboxes.get(index);
        for (int n = 0; n < PAIRS_PER_THREAD && failure.get() == null; n++) {
            Object o = allocateOrCreate(c);
            if (!tagging.cas(o, Tagging.FREE, me)) {
                throw new AssertionError("thread " + me + " was handed an object owned by " + tagging.tag(o));
            }
            if (n % HAND_OFF == 0) {
                check(tagging.cas(o, me, next + 1), o, me);
                inboxes.get(next).offer(o);
            } else {
                check(tagging.cas(o, me, Tagging.FREE), o, me);
                c.free(o);
            }
            receive(c, inbox, me);
        }
    }

    /** Frees up to two objects handed to thread {@code me}; returns how many. */
    private int receive(SlabCache c, ConcurrentLinkedQueue<Object> inbox, int me) {
        for (int k = 0; k < 2; k++) {
            Object in = inbox.poll();
            if (in == null) {
                return k;
            }
            check(tagging.cas(in, me, Tagging.FREE), in, me);
            c.free(in);
        }
        return 2;
    }

    private void check(boolean owned, Object o, int me) {
        if (!owned) {
            throw new AssertionError("thread " + me + " lost its object to owner " + tagging.tag(o));
        }
    }

    static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
