/**
 * A Java port of Linux fs/jbd (2.5/2.6). Classes map onto the kernel's files: {@link dev.slabagent.jbd.Journal}
 * is journal.c, {@link dev.slabagent.jbd.Transactions} the handle calls of transaction.c,
 * {@link dev.slabagent.jbd.Commit} commit.c and the kjournald thread, {@link dev.slabagent.jbd.Checkpoint}
 * checkpoint.c, {@link dev.slabagent.jbd.Revoke} revoke.c, {@link dev.slabagent.jbd.Recovery} recovery.c (which
 * also reads jbd2's 64-bit and checksummed logs).
 *
 * <p>Allocation sites kept plain for the slab agent: {@code new Handle(nblocks)} in {@link
 * dev.slabagent.jbd.Transactions#start(int)} (released by the outermost {@link dev.slabagent.jbd.Transactions#stop}),
 * {@code new JournalHead(bh)} in {@code Transactions.getWriteAccess}, {@code new RevokeRecord(..)} in
 * {@code RevokeTable.set}, and the frozen copies {@code new byte[blockSize]} in {@code Commit.freeze} (dead at
 * {@code Commit.freeFrozen(byte[])}, once the commit block is on disk).
 *
 * <p>Locking: the journal's state lock guards transaction states, counts and the log position; each
 * buffer's monitor guards its journal head; each transaction's monitor guards its buffer list and revoke
 * table. Order: state lock, then buffer, then transaction; never the other way.
 */
package dev.slabagent.jbd;
