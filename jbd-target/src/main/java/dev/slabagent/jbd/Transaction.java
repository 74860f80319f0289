package dev.slabagent.jbd;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One compound transaction (transaction_t). Its state is guarded by the journal's state lock; t_updates,
 * t_outstanding_credits and the "locked" flag share one atomic word so a handle joins or leaves without
 * taking a lock (the kernel's t_handle_lock); the buffer list, revoke table and callbacks are guarded by this
 * object's monitor.
 */
public final class Transaction {
    /** t_state. */
    enum State {
        /** Accepting new handles. */
        RUNNING,
        /** Commit requested: no new handles, waiting for open ones to stop and for the commit thread. */
        LOCKED,
        /** Handed to the commit thread; its log blocks are reserved. */
        COMMITTING,
        /** Commit block written; on the checkpoint list until its buffers are home. */
        COMMITTED
    }

    final Journal journal;
    final int tid;
    State state = State.RUNNING;
    /** Bit 63: locked (no new handles); bits 32-62: t_updates; bits 0-31: t_outstanding_credits. */
    private final AtomicLong counts = new AtomicLong();
    private static final long LOCKED = 1L << 63;
    private static final long ONE_UPDATE = 1L << 32;
    /** Commit-interval deadline (System.nanoTime), used only when a commit interval is configured. */
    final long expires;
    /** t_buffers: the metadata buffers this transaction logs, in the order they joined. */
    final ArrayList<JournalHead> buffers;
    /** Blocks revoked by this transaction. */
    final RevokeTable revokes = new RevokeTable();
    /** t_jcb: callbacks of stopped handles. */
    final List<Runnable> callbacks = new ArrayList<>();
    /** First log block, fixed when the transaction is handed to the commit thread. */
    int logStart;
    /** Log blocks the transaction occupies: revoke, descriptor, data and commit blocks. */
    int logBlocks;

    Transaction(Journal journal, int tid, int expectedBuffers, long expires) {
        this.journal = journal;
        this.tid = tid;
        this.buffers = new ArrayList<>(expectedBuffers);
        this.expires = expires;
    }

    /**
     * Joins a handle reserving {@code nblocks} credits, unless the transaction is locked or the credits would
     * exceed {@code max}.
     */
    boolean tryJoin(int nblocks, int max) {
        while (true) {
            long c = counts.get();
            if (c < 0 || (int) c + nblocks > max) {
                return false;
            }
            if (counts.compareAndSet(c, c + ONE_UPDATE + nblocks)) {
                return true;
            }
        }
    }

    /** Adds credits to an open handle's reservation if the transaction is unlocked and has room (journal_extend). */
    boolean tryExtend(int nblocks, int max) {
        while (true) {
            long c = counts.get();
            if (c < 0 || (int) c + nblocks > max) {
                return false;
            }
            if (counts.compareAndSet(c, c + nblocks)) {
                return true;
            }
        }
    }

    /**
     * A handle leaves, returning {@code unusedCredits}.
     *
     * @return whether the transaction is locked and this was its last handle (time to hand it to commit)
     */
    boolean leave(int unusedCredits) {
        long c = counts.addAndGet(-ONE_UPDATE - unusedCredits);
        return c < 0 && updates(c) == 0;
    }

    /** Closes the transaction to new handles. */
    void lock() {
        counts.getAndUpdate(c -> c | LOCKED);
    }

    /** Whether new handles are refused. */
    boolean locked() {
        return counts.get() < 0;
    }

    /** t_updates: handles open in this transaction. */
    int updates() {
        return updates(counts.get());
    }

    /** t_outstanding_credits: buffers added plus credits reserved by open handles. */
    int outstandingCredits() {
        return (int) counts.get();
    }

    private static int updates(long c) {
        return (int) ((c >>> 32) & Integer.MAX_VALUE);
    }

    /** The transaction id. */
    public int tid() {
        return tid;
    }

    @Override
    public String toString() {
        return "transaction " + Integer.toUnsignedString(tid) + " (" + state + ")";
    }
}
