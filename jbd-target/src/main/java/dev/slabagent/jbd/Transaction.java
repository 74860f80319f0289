package dev.slabagent.jbd;

import java.util.ArrayList;
import java.util.List;

/**
 * One compound transaction (transaction_t). State, updates and credits are guarded by the journal's state
 * lock; the buffer list, revoke table and callbacks by this object's monitor.
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
    /** t_updates: handles open in this transaction. */
    int updates;
    /** t_outstanding_credits: buffers added plus credits reserved by open handles. */
    int outstandingCredits;
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

    /** The transaction id. */
    public int tid() {
        return tid;
    }

    @Override
    public String toString() {
        return "transaction " + Integer.toUnsignedString(tid) + " (" + state + ")";
    }
}
