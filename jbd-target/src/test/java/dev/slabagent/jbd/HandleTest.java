package dev.slabagent.jbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HandleTest {
    private MemBlocks log;
    private MemBlocks home;
    private Journal journal;

    @BeforeEach
    void open() throws Exception {
        log = new MemBlocks(1024, 256);
        home = new MemBlocks(1024, 64);
        Journal.format(log, new byte[16]);
        journal = Journal.open(log, home, JournalOptions.defaults().withCommitInterval(0));
    }

    @AfterEach
    void close() throws Exception {
        journal.close();
    }

    @Test
    void nestedStartReturnsTheSameHandleAndOnlyTheOutermostStopEndsIt() throws Exception {
        Handle outer = journal.transactions().start(2);
        Transaction t = outer.transaction;
        assertEquals(1, outer.ref());
        Handle inner = journal.transactions().start(5);
        assertSame(outer, inner);
        assertEquals(2, outer.ref());
        assertEquals(2, outer.credits(), "a nested start takes no new credits");
        assertEquals(1, t.updates());

        journal.transactions().stop(inner);
        assertEquals(1, outer.ref());
        assertEquals(1, t.updates(), "inner stop does not end the handle");
        assertSame(t, outer.transaction);

        journal.transactions().stop(outer);
        assertEquals(0, outer.ref());
        assertEquals(0, t.updates());
        assertNull(outer.transaction, "the stopped handle no longer points at the transaction");
        assertEquals(0, t.outstandingCredits(), "unused credits went back");

        Handle next = journal.transactions().start(1);
        assertNotSame(outer, next, "after the outermost stop a new handle is allocated");
        journal.transactions().stop(next);
        assertThrows(IllegalStateException.class, () -> journal.transactions().stop(next));
    }

    @Test
    void aHandleIsStoppedOnlyByItsOwnThread() throws Exception {
        Handle h = journal.transactions().start(1);
        IllegalStateException[] seen = new IllegalStateException[1];
        Thread other = new Thread(() -> seen[0] = assertThrows(IllegalStateException.class, () -> journal.transactions().stop(h)));
        other.start();
        other.join();
        assertEquals("stop of a handle that is not this thread's current handle", seen[0].getMessage());
        assertEquals(1, h.ref(), "the failed stop changed nothing");
        journal.transactions().stop(h);
        IllegalStateException again = assertThrows(IllegalStateException.class, () -> journal.transactions().stop(h));
        assertEquals("stop of a handle that is not started (ref 0)", again.getMessage());
    }

    @Test
    void nothingKeepsAStoppedHandleReachable() throws Exception {
        WeakReference<Handle> ref = startWriteAndStop();
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(ref.get(), "the stopped handle was garbage collected");
    }

    private WeakReference<Handle> startWriteAndStop() throws Exception {
        Handle h = journal.transactions().start(1);
        BufferHead bh = journal.bread(1);
        journal.transactions().getWriteAccess(h, bh);
        journal.transactions().dirtyMetadata(h, bh);
        h.onCommit(() -> { });
        journal.transactions().stop(h);
        return new WeakReference<>(h);
    }

    @Test
    void handlesOfTwoThreadsAreDistinctAndShareTheRunningTransaction() throws Exception {
        Handle mine = journal.transactions().start(1);
        Handle[] theirs = new Handle[1];
        int[] theirTid = new int[1];
        Thread other = new Thread(() -> {
            try {
                theirs[0] = journal.transactions().start(1);
                theirTid[0] = theirs[0].tid();
                journal.transactions().stop(theirs[0]);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        other.start();
        other.join();
        assertNotSame(mine, theirs[0]);
        assertEquals(mine.tid(), theirTid[0]);
        assertEquals(1, mine.transaction.updates());
        journal.transactions().stop(mine);
    }

    @Test
    void syncStopWaitsForTheCommitAndRunsCallbacksAfterIt() throws Exception {
        List<Integer> seen = new ArrayList<>();
        Handle h = journal.transactions().start(1);
        int tid = h.tid();
        BufferHead bh = journal.bread(3);
        journal.transactions().getWriteAccess(h, bh);
        bh.copyIn(0, new byte[] {9}, 0, 1);
        journal.transactions().dirtyMetadata(h, bh);
        h.onCommit(() -> seen.add(journal.commitSequence()));
        h.setSync(true);
        journal.transactions().stop(h);
        assertTrue(h.callbacks.isEmpty(), "callbacks moved to the transaction");
        assertEquals(tid, journal.commitSequence(), "sync stop returned after the commit");
        assertEquals(1, journal.commitCount());
        for (int i = 0; i < 100 && seen.isEmpty(); i++) {
            Thread.sleep(10);
        }
        assertEquals(List.of(tid), seen);
    }
}
