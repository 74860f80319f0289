package dev.slabagent.jbd;

import dev.slabagent.jbd.disk.RevokeBlock;

/**
 * revoke.c: revoking blocks in the running transaction and cancelling a revoke when the block is journaled
 * again. Every new revoke block a transaction needs costs the revoking handle one credit.
 */
final class Revoke {
    private Revoke() {
    }

    /** journal_revoke: records the block in the handle's transaction and forgets its buffer there. */
    static void revoke(Journal journal, Handle handle, long blockNumber) {
        Transaction t = handle.transaction;
        BufferHead bh = journal.cache.getblk(blockNumber);
        synchronized (bh) {
            if (bh.revokedIn != t) {
                synchronized (t) {
                    if (t.revokes.size() % RevokeBlock.capacity(journal.blockSize) == 0) {
                        Transactions.takeCredit(handle, blockNumber);
                    }
                    t.revokes.set(blockNumber, t.tid);
                }
                bh.revokedIn = t;
            }
        }
        journal.transactions().forget(handle, bh);
    }

    /** journal_cancel_revoke: the block is journaled again in {@code t}, so its revoke there must go. */
    static void cancel(Transaction t, BufferHead bh) {
        synchronized (t) {
            t.revokes.clear(bh.blockNumber);
        }
        bh.revokedIn = null;
    }

    /** After {@code t} committed: its revoked buffers no longer point at it. */
    static void committed(Journal journal, Transaction t, long[] revoked) {
        for (long blockNumber : revoked) {
            BufferHead bh = journal.cache.getblk(blockNumber);
            synchronized (bh) {
                if (bh.revokedIn == t) {
                    bh.revokedIn = null;
                }
            }
        }
    }
}
