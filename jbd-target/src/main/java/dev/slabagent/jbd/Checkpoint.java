package dev.slabagent.jbd;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * checkpoint.c: writes the buffers of committed transactions home, then moves the log tail past them.
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
            List<Transaction> batch;
            while (!(batch = next(forSpace)).isEmpty()) {
                for (Transaction t : batch) {
                    for (JournalHead jh : t.buffers) {
                        writeHome(jh, t);
                    }
                }
                journal.device.force();
                cleanupJournalTail(batch);
            }
        } finally {
            mutex.unlock();
        }
    }

    /**
     * The transactions to checkpoint, oldest first, or none when done: for space, when a new transaction fits
     * (or another thread already started one); otherwise when the log is empty. Waits for the committing
     * transaction first, so what is checkpointed never depends on the commit thread's timing: every committed
     * transaction goes home in one pass, with one flush of the device and one superblock update.
     */
    private List<Transaction> next(boolean forSpace) throws IOException {
        journal.stateLock.lock();
        try {
            while (true) {
                journal.checkAborted();
                if (forSpace && (journal.running != null
                        || journal.logBlocksInUse + journal.maxTransactionLogBlocks < journal.last - journal.first)) {
                    return List.of();
                }
                if (journal.committing == null) {
                    return List.copyOf(journal.checkpointTransactions);
                }
                journal.await();
            }
        } finally {
            journal.stateLock.unlock();
        }
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
                        Transactions.releaseIfUnused(jh);
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
                    Transactions.releaseIfUnused(jh);
                }
            }
            return;
        }
    }

    /**
     * Once the buffers of {@code done} are home: moves the tail to the oldest live
     * transaction, writes it to the superblock, and only then frees the log blocks (cleanup_journal_tail).
     */
    private void cleanupJournalTail(List<Transaction> done) throws IOException {
        int start;
        int sequence;
        journal.stateLock.lock();
        try {
            journal.checkpointTransactions.removeAll(done);
            Transaction oldest = journal.checkpointTransactions.isEmpty() ? journal.committing : journal.checkpointTransactions.peekFirst();
            if (oldest != null) {
                journal.tail = oldest.logStart;
                journal.tailSequence = oldest.tid;
            } else {
                journal.tail = journal.head;
                journal.tailSequence = journal.commitSequence + 1;
            }
            start = journal.tail;
            sequence = journal.tailSequence;
        } finally {
            journal.stateLock.unlock();
        }
        journal.writeSuperblock(start, sequence);
        journal.stateLock.lock();
        try {
            for (Transaction t : done) {
                journal.logBlocksInUse -= t.logBlocks;
            }
            journal.stateChanged.signalAll();
        } finally {
            journal.stateLock.unlock();
        }
    }
}
