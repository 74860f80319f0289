package dev.slabagent.jbd;

/**
 * The journaling state of one buffer (struct journal_head), allocated with {@code new} when a buffer is first
 * journaled and dropped when no transaction refers to it. Guarded by its buffer's monitor.
 */
public final class JournalHead {
    final BufferHead bh;
    /** b_transaction: the running or committing transaction whose metadata list holds the buffer. */
    Transaction transaction;
    /** b_next_transaction: the running transaction that modifies the buffer while an older one commits it. */
    Transaction nextTransaction;
    /** b_cp_transaction: the newest committed transaction whose copy has not reached the home block. */
    Transaction cpTransaction;
    /** b_frozen_data: the content the committing transaction logs, frozen before anyone changes it. */
    byte[] frozenData;

    JournalHead(BufferHead bh) {
        this.bh = bh;
    }

    /** Whether no transaction needs this head any more (journal_remove_journal_head may drop it). */
    boolean unused() {
        return transaction == null && nextTransaction == null && cpTransaction == null && frozenData == null;
    }
}
