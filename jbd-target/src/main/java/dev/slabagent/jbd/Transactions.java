package dev.slabagent.jbd;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * transaction.c: the handle calls of one journal. A handle (handle_t) is one atomic update: {@link #start} makes
 * it ({@code new_handle}), the outermost {@link #stop} ends it ({@code journal_stop}); in between the caller takes
 * write access to buffers, dirties them, forgets or revokes blocks.
 *
 * <p>Typical update, as ext3 does it for one syscall:
 * <pre>{@code
 * Transactions tx = journal.transactions();
 * Handle h = tx.start(1);
 * try {
 *     BufferHead bh = journal.bread(block);
 *     tx.getWriteAccess(h, bh);
 *     bh.copyIn(offset, bytes, 0, bytes.length);
 *     tx.dirtyMetadata(h, bh);
 * } finally {
 *     tx.stop(h);
 * }
 * }</pre>
 */
public final class Transactions {
    private final Journal journal;
    /** journal_current_handle(): the handle the calling thread holds, if any. */
    private final ThreadLocal<Handle> currentHandle = new ThreadLocal<>();

    Transactions(Journal journal) {
        this.journal = journal;
    }

    /** The handle the calling thread holds, or null. */
    Handle currentHandle() {
        return currentHandle.get();
    }

    /**
     * Starts an update reserving {@code nblocks} buffer credits (journal_start). A thread that already holds a
     * handle gets that handle back with {@code ref} incremented.
     */
    public Handle start(int nblocks) throws IOException {
        Handle handle = currentHandle.get();
        if (handle != null) {
            if (handle.transaction.journal != journal) {
                throw new IllegalStateException("thread already holds a handle of another journal");
            }
            handle.ref++;
            return handle;
        }
        handle = new Handle(nblocks);
        startThisHandle(handle);
        currentHandle.set(handle);
        return handle;
    }

    /**
     * Ends an update (journal_stop). Only the outermost stop ends the handle: it returns unused credits, drops
     * t_updates, and if the handle was sync, waits until its transaction has committed.
     */
    public void stop(Handle handle) throws IOException {
        if (handle.ref <= 0) {
            throw new IllegalStateException("stop of a handle that is not started (ref " + handle.ref + ")");
        }
        if (currentHandle.get() != handle) {
            // The kernel's J_ASSERT(journal_current_handle() == handle): a handle belongs to its thread.
            throw new IllegalStateException("stop of a handle that is not this thread's current handle");
        }
        if (--handle.ref > 0) {
            return;
        }
        currentHandle.set(null);
        Transaction t = handle.transaction;
        boolean wait = handle.sync;
        handle.transaction = null;
        if (!handle.callbacks.isEmpty()) {
            synchronized (t) {
                t.callbacks.addAll(handle.callbacks);
            }
            handle.callbacks.clear();
        }
        boolean last = t.leave(handle.credits);
        if (wait || last) {
            journal.stateLock.lock();
            try {
                if (wait) {
                    journal.lockTransaction(t);
                } else {
                    journal.maybeHandOff();
                }
            } finally {
                journal.stateLock.unlock();
            }
        }
        if (wait) {
            journal.waitForCommit(t.tid);
        }
    }

    /**
     * Adds {@code nblocks} credits to a handle if its transaction can take them (journal_extend).
     *
     * @return whether the credits were added; if not, the caller should {@link #restart} the handle
     */
    public boolean extend(Handle handle, int nblocks) {
        if (!handle.transaction.tryExtend(nblocks, journal.maxTransactionBuffers)) {
            return false;
        }
        handle.credits += nblocks;
        return true;
    }

    /**
     * Commits what the handle did so far and reattaches it to a new transaction with {@code nblocks} credits
     * (journal_restart). The handle stays the thread's current handle.
     */
    public void restart(Handle handle, int nblocks) throws IOException {
        Transaction t = handle.transaction;
        t.leave(handle.credits);
        journal.stateLock.lock();
        try {
            journal.lockTransaction(t);
        } finally {
            journal.stateLock.unlock();
        }
        handle.transaction = null;
        handle.credits = nblocks;
        startThisHandle(handle);
    }

    /** Commits the running transaction and waits for it (journal_force_commit): a sync handle of one credit. */
    public void forceCommit() throws IOException {
        Handle handle = start(1);
        handle.sync = true;
        stop(handle);
    }

    private void startThisHandle(Handle handle) throws IOException {
        int nblocks = handle.credits;
        if (nblocks < 0 || nblocks > journal.maxTransactionBuffers) {
            throw new IllegalArgumentException("handle wants " + nblocks + " credits, a transaction holds at most "
                    + journal.maxTransactionBuffers);
        }
        Transaction current = journal.running;
        if (current != null && journal.abortCause == null && current.tryJoin(nblocks, journal.maxTransactionBuffers)) {
            handle.transaction = current;
            return;
        }
        journal.stateLock.lock();
        try {
            while (true) {
                journal.checkAborted();
                if (journal.running == null) {
                    if (journal.logBlocksInUse + journal.maxTransactionLogBlocks >= journal.last - journal.first) {
                        journal.stateLock.unlock();
                        try {
                            journal.checkpoint.waitForSpace();
                        } finally {
                            journal.stateLock.lock();
                        }
                        continue;
                    }
                    long expires = journal.options.commitIntervalMillis() == 0 ? 0
                            : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(journal.options.commitIntervalMillis());
                    journal.running = new Transaction(journal, journal.nextTid++, journal.maxTransactionBuffers, expires);
                    journal.stateChanged.signalAll();
                }
                Transaction t = journal.running;
                if (t.tryJoin(nblocks, journal.maxTransactionBuffers)) {
                    handle.transaction = t;
                    return;
                }
                if (t.locked()) {
                    journal.await();
                } else {
                    journal.lockTransaction(t);
                }
            }
        } finally {
            journal.stateLock.unlock();
        }
    }

    /**
     * Declares that the handle will modify {@code bh} (journal_get_write_access). If the committing
     * transaction still has to log the buffer, its content is frozen first so the change cannot leak into it.
     */
    public void getWriteAccess(Handle handle, BufferHead bh) {
        Transaction t = handle.transaction;
        synchronized (bh) {
            JournalHead jh = bh.journalHead;
            if (jh == null) {
                jh = new JournalHead(bh);
                bh.journalHead = jh;
            } else if (jh.transaction != null && jh.transaction != t && jh.nextTransaction != t
                    && jh.frozenData == null) {
                Commit.freeze(jh);
            }
            if (bh.revokedIn == t) {
                Revoke.cancel(t, bh);
            }
        }
    }

    /**
     * Declares that the handle creates {@code blockNumber} afresh (journal_get_create_access): its old
     * content is not read, a revoke of it in this transaction is cancelled.
     *
     * @return the buffer, zero-filled if it was not cached
     */
    public BufferHead getCreateAccess(Handle handle, long blockNumber) {
        BufferHead bh = journal.cache.getblk(blockNumber);
        BufferCache.zeroIfNotUptodate(bh);
        getWriteAccess(handle, bh);
        return bh;
    }

    /**
     * Files a modified buffer in the handle's transaction (journal_dirty_metadata). The first time a buffer
     * joins a transaction it takes one of the handle's credits.
     *
     * @throws IllegalStateException if write access was not taken or the handle has no credit left
     */
    public void dirtyMetadata(Handle handle, BufferHead bh) {
        Transaction t = handle.transaction;
        synchronized (bh) {
            JournalHead jh = bh.journalHead;
            if (jh == null || (jh.transaction != null && jh.transaction != t && jh.nextTransaction != t
                    && jh.frozenData == null)) {
                throw new IllegalStateException("block " + bh.blockNumber + ": dirty_metadata without write access");
            }
            if (jh.transaction == t || jh.nextTransaction == t) {
                return;
            }
            takeCredit(handle, bh.blockNumber);
            if (jh.transaction == null) {
                jh.transaction = t;
            } else {
                jh.nextTransaction = t;
            }
            synchronized (t) {
                t.buffers.add(jh);
            }
        }
    }

    /**
     * Drops {@code bh} from the handle's transaction (journal_forget): the block is being freed, its
     * uncommitted change is not logged and the credit returns to the handle.
     */
    public void forget(Handle handle, BufferHead bh) {
        Transaction t = handle.transaction;
        synchronized (bh) {
            JournalHead jh = bh.journalHead;
            if (jh == null) {
                return;
            }
            if (jh.transaction == t) {
                jh.transaction = null;
            } else if (jh.nextTransaction == t) {
                jh.nextTransaction = null;
            } else {
                return;
            }
            synchronized (t) {
                t.buffers.remove(jh);
            }
            handle.credits++;
            releaseIfUnused(jh);
        }
    }

    /**
     * Revokes {@code blockNumber} in the handle's transaction (journal_revoke): recovery will not replay
     * older copies of it. Forgets the buffer if this transaction had logged it.
     */
    public void revoke(Handle handle, long blockNumber) {
        Revoke.revoke(journal, handle, blockNumber);
    }

    static void takeCredit(Handle handle, long blockNumber) {
        if (handle.credits <= 0) {
            throw new IllegalStateException("block " + blockNumber + ": handle has no buffer credits left");
        }
        handle.credits--;
    }

    /** Drops the journal head of a buffer no transaction refers to (journal_remove_journal_head). */
    static void releaseIfUnused(JournalHead jh) {
        if (jh.unused() && jh.bh.journalHead == jh) {
            jh.bh.journalHead = null;
        }
    }
}
