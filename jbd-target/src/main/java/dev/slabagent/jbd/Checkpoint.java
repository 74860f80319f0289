package dev.slabagent.jbd;

import java.io.IOException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * checkpoint.c: writes the buffers of the oldest committed transaction home, then moves the log tail past it.
 * Runs on the thread that needs log space (log_wait_for_space) and at close, never on a timer, so the
 * journal's layout depends only on what the handles did.
 */
final class Checkpoint {
    private final Journal journal;
    /** j_checkpoint_mutex: one checkpointer at a time; also owns {@link #scratch}. */
    private final ReentrantLock mutex = new ReentrantLock();
    private final byte[] scratch;

    Checkpoint(Journal journal) {
        this.journal = journal;
        this.scratch = new byte[journal.blockSize];
    }

    /** Checkpoints the oldest transactions until a new transaction fits in the log (log_wait_for_space). */
    void waitForSpace() throws IOException {
        checkpointWhile(true);
    }

    /** Checkpoints every committed transaction (journal_flush at destroy). */
    void checkpointAll() throws IOException {
        checkpointWhile(false);
    }

    private void checkpointWhile(boolean forSpace) throws IOException {
        mutex.lock();
        try {
            Transaction oldest;
            while ((oldest = next(forSpace)) != null) {
                checkpointTransaction(oldest);
            }
        } finally {
            mutex.unlock();
        }
    }

    /**
     * The oldest committed transaction to checkpoint, or null when done: for space, when a new transaction
     * fits (or another thread already started one); otherwise when none is left. For space, waits for the
     * committing transaction if nothing is committed yet.
     */
    private Transaction next(boolean forSpace) throws IOException {
        journal.stateLock.lock();
        try {
            while (true) {
                journal.checkAborted();
                if (forSpace && (journal.running != null
                        || journal.logBlocksInUse + journal.maxTransactionLogBlocks < journal.last - journal.first)) {
                    return null;
                }
                Transaction oldest = journal.checkpointTransactions.peekFirst();
                if (oldest != null || !forSpace) {
                    return oldest;
                }
                journal.await();
            }
        } finally {
            journal.stateLock.unlock();
        }
    }

    private void checkpointTransaction(Transaction t) throws IOException {
        for (JournalHead jh : t.buffers) {
            writeHome(jh, t);
        }
        journal.device.force();
        journal.checkpointDone(t);
    }

    /**
     * Writes one buffer of {@code t} home unless a newer transaction has it: that one is committed first
     * (and then owns the checkpoint of the buffer).
     */
    private void writeHome(JournalHead jh, Transaction t) throws IOException {
        BufferHead bh = jh.bh;
        while (true) {
            Transaction newer;
            synchronized (bh) {
                if (jh.cpTransaction != t) {
                    return;
                }
                newer = jh.transaction;
                if (newer == null) {
                    if (!bh.dirty) {
                        jh.cpTransaction = null;
                        Journal.releaseIfUnused(jh);
                        return;
                    }
                    System.arraycopy(bh.data, 0, scratch, 0, scratch.length);
                    bh.dirty = false;
                }
            }
            if (newer != null) {
                journal.commitAndWait(newer);
                continue;
            }
            journal.device.writeBlock(bh.blockNumber, scratch);
            synchronized (bh) {
                if (jh.cpTransaction == t) {
                    jh.cpTransaction = null;
                    Journal.releaseIfUnused(jh);
                }
            }
            return;
        }
    }
}
