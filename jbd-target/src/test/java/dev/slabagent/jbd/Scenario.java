package dev.slabagent.jbd;

import dev.slabagent.jbd.fs.JournaledFs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A journaled store on in-memory devices plus a mirror of what was written: {@link #committed} holds the
 * expected device image after each {@link #sync()}, so a recovered device can be compared with a prefix.
 */
final class Scenario {
    final int blockSize;
    final MemBlocks log;
    final MemBlocks home;
    final JournaledFs fs;
    final byte[] mirror;
    final List<byte[]> committed = new ArrayList<>();

    Scenario(int blockSize, int logBlocks, int homeBlocks, int maxTransactionBuffers) throws IOException {
        this.blockSize = blockSize;
        this.log = new MemBlocks(blockSize, logBlocks);
        this.home = new MemBlocks(blockSize, homeBlocks);
        Journal.format(log, new byte[] {7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7});
        this.fs = JournaledFs.open(log, home, JournalOptions.defaults().withCommitInterval(0)
                .withMaxTransactionBuffers(maxTransactionBuffers));
        this.mirror = new byte[homeBlocks * blockSize];
        committed.add(mirror.clone());
    }

    /** Writes {@code data} at byte {@code position} and into the mirror. */
    void write(long position, byte[] data) throws IOException {
        fs.write(position, data);
        System.arraycopy(data, 0, mirror, (int) position, data.length);
    }

    /** Fills block {@code block} with {@code value} (first 4 bytes may be set to the JBD magic by the caller). */
    void writeBlock(long block, byte value) throws IOException {
        byte[] data = new byte[blockSize];
        Arrays.fill(data, value);
        write(block * blockSize, data);
    }

    /** Commits and records the expected device image. */
    void sync() throws IOException {
        fs.sync();
        committed.add(mirror.clone());
    }

    /** The whole content of a block device. */
    static byte[] image(MemBlocks device) {
        byte[] all = new byte[(int) device.blockCount() * device.blockSize()];
        for (int i = 0; i < device.blockCount(); i++) {
            System.arraycopy(device.block(i), 0, all, i * device.blockSize(), device.blockSize());
        }
        return all;
    }

    /** Which committed state {@code device} equals, or -1. */
    int matchingState(MemBlocks device) {
        byte[] img = image(device);
        for (int i = committed.size() - 1; i >= 0; i--) {
            if (Arrays.equals(committed.get(i), img)) {
                return i;
            }
        }
        return -1;
    }
}
