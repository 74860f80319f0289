package dev.slabagent.jbd;

import java.util.ArrayList;
import java.util.List;

/**
 * One atomic update (handle_t), allocated by {@link Transactions#start(int)} and released by the outermost
 * {@link Transactions#stop(Handle)}, after which {@code ref == 0} and nothing in the journal refers to it.
 */
public final class Handle {
    /** h_ref: nesting depth on the owning thread. */
    int ref;
    /** h_buffer_credits: buffers this handle may still add to its transaction. */
    int credits;
    /** h_sync: the outermost stop waits until the transaction has committed. */
    boolean sync;
    /** h_transaction: the transaction this handle belongs to. */
    Transaction transaction;
    /** h_jcb: callbacks to run after the transaction commits (moved to the transaction at stop). */
    final List<Runnable> callbacks;

    /** A handle reserving {@code nblocks} buffer credits (new_handle). */
    Handle(int nblocks) {
        credits = nblocks;
        ref = 1;
        callbacks = new ArrayList<>();
    }

    /** Nesting depth; 0 once the outermost stop has run. */
    public int ref() {
        return ref;
    }

    /** Buffer credits left. */
    public int credits() {
        return credits;
    }

    /** Whether the outermost stop waits for the commit. */
    public boolean isSync() {
        return sync;
    }

    /** Makes the outermost stop wait until the transaction is committed (handle->h_sync = 1). */
    public void setSync(boolean sync) {
        this.sync = sync;
    }

    /** Transaction id of the transaction this handle belongs to. */
    public int tid() {
        return transaction.tid;
    }

    /** Registers {@code callback} to run after this handle's transaction commits (journal_callback_set). */
    public void onCommit(Runnable callback) {
        callbacks.add(callback);
    }
}
