package dev.slabagent.jbd.fs;

import dev.slabagent.jbd.BufferHead;
import dev.slabagent.jbd.Handle;
import dev.slabagent.jbd.Journal;
import dev.slabagent.jbd.JournalOptions;
import dev.slabagent.jbd.Transactions;
import dev.slabagent.jbd.device.BlockDevice;
import dev.slabagent.jbd.device.JournalDevice;
import java.io.Closeable;
import java.io.IOException;
import java.util.Objects;

/**
 * A journaled block store with ext3's write path: every {@link #write} is one handle that takes write access
 * to each block it touches, copies the bytes in, marks the buffers dirty metadata and stops. Writes return
 * without I/O; {@link #sync()} commits and waits, and what it acknowledged survives any crash.
 */
public final class JournaledFs implements Closeable {
    private final Journal journal;
    private final Transactions transactions;
    private final JournalDevice journalDevice;
    private final BlockDevice device;
    private final int blockSize;
    private final long size;

    private JournaledFs(Journal journal, JournalDevice journalDevice, BlockDevice device) {
        this.journal = journal;
        this.transactions = journal.transactions();
        this.journalDevice = journalDevice;
        this.device = device;
        this.blockSize = device.blockSize();
        this.size = device.blockCount() * blockSize;
    }

    /**
     * Opens the journal (recovering it if needed) over {@code device}. The store owns both devices and
     * closes them with itself.
     */
    public static JournaledFs open(JournalDevice journalDevice, BlockDevice device, JournalOptions options)
            throws IOException {
        return new JournaledFs(Journal.open(journalDevice, device, options), journalDevice, device);
    }

    /** The journal underneath, for its statistics and the handle API. */
    public Journal journal() {
        return journal;
    }

    /** Size of the store in bytes (device blocks times block size). */
    public long size() {
        return size;
    }

    /** Writes {@code src} at byte {@code position}: one handle. */
    public void write(long position, byte[] src) throws IOException {
        write(position, src, 0, src.length);
    }

    /** Writes {@code len} bytes of {@code src} from {@code offset} at byte {@code position}: one handle. */
    public void write(long position, byte[] src, int offset, int len) throws IOException {
        checkRange(position, src, offset, len);
        if (len == 0) {
            return;
        }
        int nblocks = (int) ((position + len - 1) / blockSize - position / blockSize + 1);
        Handle handle = transactions.start(nblocks);
        try {
            while (len > 0) {
                int inBlock = (int) (position % blockSize);
                int n = Math.min(len, blockSize - inBlock);
                BufferHead bh = journal.bread(position / blockSize);
                transactions.getWriteAccess(handle, bh);
                bh.copyIn(inBlock, src, offset, n);
                transactions.dirtyMetadata(handle, bh);
                position += n;
                offset += n;
                len -= n;
            }
        } finally {
            transactions.stop(handle);
        }
    }

    /** Reads {@code len} bytes at byte {@code position} into {@code dst} from {@code offset}. */
    public void read(long position, byte[] dst, int offset, int len) throws IOException {
        checkRange(position, dst, offset, len);
        while (len > 0) {
            int inBlock = (int) (position % blockSize);
            int n = Math.min(len, blockSize - inBlock);
            journal.bread(position / blockSize).copyOut(inBlock, dst, offset, n);
            position += n;
            offset += n;
            len -= n;
        }
    }

    /** Frees whole block {@code blockNumber}: one handle that forgets and revokes it. Its content is then undefined. */
    public void discard(long blockNumber) throws IOException {
        Handle handle = transactions.start(1);
        try {
            transactions.revoke(handle, blockNumber);
        } finally {
            transactions.stop(handle);
        }
    }

    /** Commits everything written so far and waits until it is durable in the journal. */
    public void sync() throws IOException {
        transactions.forceCommit();
    }

    /** Commits, checkpoints everything home, leaves the journal empty and closes both devices. */
    @Override
    public void close() throws IOException {
        try (journalDevice; device) {
            journal.close();
        }
    }

    /**
     * Commits and stops like a crash right after the last commit: nothing more is checkpointed, the journal
     * keeps its transactions for recovery. Closes both devices.
     */
    public void closeWithoutCheckpoint() throws IOException {
        try (journalDevice; device) {
            journal.closeWithoutCheckpoint();
        }
    }

    private void checkRange(long position, byte[] buffer, int offset, int len) {
        Objects.checkFromIndexSize(offset, len, buffer.length);
        if (position < 0 || position > size - len) {
            throw new IndexOutOfBoundsException("bytes [" + position + ", " + (position + len) + ") outside the store of "
                    + size + " bytes");
        }
    }
}
