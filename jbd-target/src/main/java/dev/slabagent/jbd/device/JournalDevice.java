package dev.slabagent.jbd.device;

import java.io.Closeable;
import java.io.IOException;

/**
 * The storage of a journal: journal blocks {@code 0..journalBlocks()-1}, the journal superblock at
 * {@link #superblockBlock()}.
 * The journal need not be a whole file: an implementation may map journal blocks anywhere (a region of a
 * file, the blocks of an inode).
 */
public interface JournalDevice extends Closeable {
    /** Journal block size in bytes. */
    int blockSize();

    /**
     * The journal block that holds the journal superblock: 0, except on an external journal device, where it
     * follows the device's ext2 superblock and journal blocks are numbered from the start of the device.
     */
    default int superblockBlock() {
        return 0;
    }

    /** Number of journal blocks that can be read and written. */
    int journalBlocks();

    /**
     * Reads journal block {@code n} into {@code dst} (one block long).
     *
     * @throws ShortReadException if the block is not fully backed by storage
     */
    void readJournalBlock(int n, byte[] dst) throws IOException;

    /** Writes {@code src} (one block long) to journal block {@code n}. */
    void writeJournalBlock(int n, byte[] src) throws IOException;

    /** Makes every completed journal write durable (the barrier before and after a commit block). */
    void force() throws IOException;
}
