package dev.slabagent.jbd;

import dev.slabagent.jbd.device.BlockDevice;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/** The block cache over the home device (getblk/bread): one {@link BufferHead} per block, kept for the journal's life. */
final class BufferCache {
    private final BlockDevice device;
    private final AtomicReferenceArray<BufferHead> table;

    BufferCache(BlockDevice device) {
        if (device.blockCount() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("device of " + device.blockCount() + " blocks is too large to cache");
        }
        this.device = device;
        this.table = new AtomicReferenceArray<>((int) device.blockCount());
    }

    /** The buffer of {@code blockNumber}, without reading it (getblk). */
    BufferHead getblk(long blockNumber) {
        if (blockNumber < 0 || blockNumber >= table.length()) {
            throw new IllegalArgumentException("block " + blockNumber + " outside the device [0, " + table.length() + ")");
        }
        int i = (int) blockNumber;
        BufferHead bh = table.get(i);
        if (bh == null) {
            BufferHead fresh = new BufferHead(blockNumber, device.blockSize());
            bh = table.compareAndSet(i, null, fresh) ? fresh : table.get(i);
        }
        return bh;
    }

    /** The buffer of {@code blockNumber}, read from the device on first use (bread). */
    BufferHead bread(long blockNumber) throws IOException {
        BufferHead bh = getblk(blockNumber);
        if (bh.uptodate) {
            return bh;
        }
        synchronized (bh) {
            if (!bh.uptodate) {
                device.readBlock(blockNumber, bh.data);
                bh.uptodate = true;
            }
        }
        return bh;
    }

    /** Marks a buffer whose old content does not matter as up to date and zero-filled (for create access). */
    static void zeroIfNotUptodate(BufferHead bh) {
        synchronized (bh) {
            if (!bh.uptodate) {
                Arrays.fill(bh.data, (byte) 0);
                bh.uptodate = true;
            }
        }
    }
}
