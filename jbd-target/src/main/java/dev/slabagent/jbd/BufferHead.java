package dev.slabagent.jbd;

/**
 * One cached home block (struct buffer_head). Its monitor is the kernel's jbd_lock_bh_state: it guards the
 * journal head, the dirty and revoke state, and every copy into or out of {@link #data}.
 */
public final class BufferHead {
    final long blockNumber;
    final byte[] data;
    /** b_private: the journal head while the buffer is journaled. */
    JournalHead journalHead;
    /** Committed content not yet written home (BH_Dirty after commit). */
    boolean dirty;
    /** The running transaction that revoked this block, if any (BH_Revoked). */
    Transaction revokedIn;
    /** Whether {@link #data} holds the block's content (BH_Uptodate); set once, under the monitor. */
    volatile boolean uptodate;

    BufferHead(long blockNumber, int blockSize) {
        this.blockNumber = blockNumber;
        this.data = new byte[blockSize];
    }

    /** The home block number. */
    public long blockNumber() {
        return blockNumber;
    }

    /** Copies {@code len} bytes from {@code src[srcOffset..]} into the block at {@code offset}. */
    public synchronized void copyIn(int offset, byte[] src, int srcOffset, int len) {
        System.arraycopy(src, srcOffset, data, offset, len);
    }

    /** Copies {@code len} bytes of the block from {@code offset} into {@code dst[dstOffset..]}. */
    public synchronized void copyOut(int offset, byte[] dst, int dstOffset, int len) {
        System.arraycopy(data, offset, dst, dstOffset, len);
    }
}
