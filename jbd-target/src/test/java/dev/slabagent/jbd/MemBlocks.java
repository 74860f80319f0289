package dev.slabagent.jbd;

import dev.slabagent.jbd.device.BlockDevice;
import dev.slabagent.jbd.device.JournalDevice;

/** An in-memory block device for unit tests: fast, and its content can be inspected and corrupted. */
public final class MemBlocks implements BlockDevice, JournalDevice {
    private final int blockSize;
    private final byte[][] blocks;
    private int writes;

    public MemBlocks(int blockSize, int count) {
        this.blockSize = blockSize;
        this.blocks = new byte[count][blockSize];
    }

    /** A deep copy, for example to recover the same crash state twice. */
    public MemBlocks copy() {
        MemBlocks c = new MemBlocks(blockSize, blocks.length);
        for (int i = 0; i < blocks.length; i++) {
            c.blocks[i] = blocks[i].clone();
        }
        return c;
    }

    /** The live array of block {@code n}. */
    public byte[] block(int n) {
        return blocks[n];
    }

    /** Number of block writes so far. */
    public synchronized int writes() {
        return writes;
    }

    @Override
    public int blockSize() {
        return blockSize;
    }

    @Override
    public long blockCount() {
        return blocks.length;
    }

    @Override
    public int journalBlocks() {
        return blocks.length;
    }

    @Override
    public synchronized void readBlock(long n, byte[] dst) {
        System.arraycopy(blocks[(int) n], 0, dst, 0, blockSize);
    }

    @Override
    public synchronized void writeBlock(long n, byte[] src) {
        System.arraycopy(src, 0, blocks[(int) n], 0, blockSize);
        writes++;
    }

    @Override
    public void readJournalBlock(int n, byte[] dst) {
        readBlock(n, dst);
    }

    @Override
    public void writeJournalBlock(int n, byte[] src) {
        writeBlock(n, src);
    }

    @Override
    public void force() {
    }

    @Override
    public void close() {
    }
}
