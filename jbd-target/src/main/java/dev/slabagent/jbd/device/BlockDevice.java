package dev.slabagent.jbd.device;

import java.io.Closeable;
import java.io.IOException;

/** The home blocks a journal protects: a device of fixed-size blocks addressed by block number. */
public interface BlockDevice extends Closeable {
    /** Block size in bytes. */
    int blockSize();

    /** Number of blocks; valid block numbers are {@code [0, blockCount())}. */
    long blockCount();

    /** Reads block {@code blockNumber} into {@code dst} (one block long). */
    void readBlock(long blockNumber, byte[] dst) throws IOException;

    /** Writes {@code src} (one block long) to block {@code blockNumber}. */
    void writeBlock(long blockNumber, byte[] src) throws IOException;

    /** Makes every completed write durable. */
    void force() throws IOException;
}
