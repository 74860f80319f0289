package dev.slabagent.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slabagent.runtime.SlabRegistry;
import dev.slabagent.runtime.SlabStats;
import fixture.pool.Packet;
import fixture.pool.Router;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Exchanger;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two threads allocate through rewritten sites and hand every packet to the other thread, which releases
 * it: a packet is never owned by two threads at once, every allocated packet is freshly initialised, and
 * the cache never keeps more than its capacity.
 */
class ConcurrencyTest {

    private static final int PAIRS_PER_THREAD = 1_000_000;
    private static final int CAPACITY = 64;
    private static final int BATCH = 32;

    @AfterEach
    void uninstall() {
        TestAgent.installer().uninstall();
    }

    @Test
    void packetsCrossingThreadsAreNeverOwnedTwice() throws Exception {
        Installation installed = TestAgent.install(RecyclingTest.packetConfig("magazine", ""));
        assertEquals(List.of("packet"), installed.activated(), installed.problems().toString());
        Map<Packet, Long> owners = new ConcurrentHashMap<>();
        Exchanger<Packet[]> exchanger = new Exchanger<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread a = worker(1, owners, exchanger, failure);
        Thread b = worker(2, owners, exchanger, failure);
        a.start();
        b.start();
        a.join();
        b.join();
        assertNull(failure.get(), () -> "worker failed: " + failure.get());
        SlabStats stats = SlabRegistry.get("packet").stats();
        assertEquals(2L * PAIRS_PER_THREAD, stats.allocs());
        assertEquals(2L * PAIRS_PER_THREAD, stats.frees());
        assertTrue(stats.hits() > PAIRS_PER_THREAD, "most allocations are hits: " + stats);
        assertTrue(stats.numObjs() - stats.activeObjs() <= CAPACITY, "capacity respected: " + stats);
    }

    /** Allocates a batch, swaps it for the other thread's batch, releases what it got; until all pairs are done. */
    private static Thread worker(long me, Map<Packet, Long> owners, Exchanger<Packet[]> exchanger,
                                 AtomicReference<Throwable> failure) {
        return new Thread(() -> {
            try {
                for (int done = 0; done < PAIRS_PER_THREAD; done += BATCH) {
                    Packet[] mine = new Packet[BATCH];
                    for (int i = 0; i < BATCH; i++) {
                        mine[i] = allocate(me, done + i, owners);
                    }
                    for (Packet theirs : exchanger.exchange(mine, 30, TimeUnit.SECONDS)) {
                        if (!owners.remove(theirs, 3 - me) || theirs.owner != 3 - me) {
                            throw new AssertionError("packet changed owner while out");
                        }
                        Router.stop(theirs);
                    }
                }
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        }, "worker-" + me);
    }

    private static Packet allocate(long me, int id, Map<Packet, Long> owners) {
        Packet p = Router.open(id);
        if (owners.putIfAbsent(p, me) != null) {
            throw new AssertionError("packet handed to two owners at once");
        }
        if (p.id != id || p.ref != 0 || p.callbacks.size() != 1 || p.owner != 0) {
            throw new AssertionError("allocated packet is not fresh: id " + p.id + " ref " + p.ref);
        }
        p.owner = me;
        p.ref = 1;
        return p;
    }
}
