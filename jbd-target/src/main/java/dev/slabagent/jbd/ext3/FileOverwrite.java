package dev.slabagent.jbd.ext3;

import java.io.IOException;

/**
 * The {@code ext3} command's workload: pseudo-random whole-block overwrites of one existing regular file,
 * each write one handle, committed in several transactions. The file's size and block map never change, so
 * only data blocks are journaled.
 */
public final class FileOverwrite {

    /** The writes are committed in this many transactions (more if a transaction fills up first). */
    public static final int TRANSACTIONS = 4;

    private FileOverwrite() {
    }

    /**
     * What a run did.
     *
     * @param expected the file's content (its i_size bytes) once every write is home or replayed
     * @param writes   the number of writes
     */
    public record Result(byte[] expected, long writes) {
    }

    /**
     * Overwrites {@code writes} blocks of {@code path}, chosen and filled from {@code seed}, syncing after every
     * quarter of them and after the last one.
     *
     * @throws Ext3FormatException if the path is not a regular file without holes
     */
    public static Result run(Ext3Mount mount, String path, long writes, long seed) throws IOException {
        if (writes < 0) {
            throw new IllegalArgumentException("writes must be >= 0, got " + writes);
        }
        Ext3Image image = mount.image();
        Inode inode = image.regularFile(path);
        long[] blocks = image.blockMap(inode).requireNoHoles();
        int blockSize = image.blockSize();
        if (inode.size() > Integer.MAX_VALUE) {
            throw new Ext3FormatException(path + ": " + inode.size() + " bytes is too large to hold in memory");
        }
        byte[] expected = new byte[(int) inode.size()];
        for (int i = 0; i < blocks.length; i++) {
            copyInto(expected, i, blockSize, mount.readBlock(blocks[i]));
        }
        OverwritePlan plan = new OverwritePlan(seed, blocks.length, blockSize);
        long syncEvery = Math.max(1, (writes + TRANSACTIONS - 1) / TRANSACTIONS);
        for (long w = 1; w <= writes; w++) {
            OverwritePlan.Write write = plan.next();
            mount.writeBlock(blocks[(int) write.logicalBlock()], write.content());
            copyInto(expected, (int) write.logicalBlock(), blockSize, write.content());
            if (w % syncEvery == 0 || w == writes) {
                mount.fs().sync();
            }
        }
        return new Result(expected, writes);
    }

    /** Copies a block's content into the file image, cut at the file's end. */
    private static void copyInto(byte[] file, int logical, int blockSize, byte[] content) {
        long at = (long) logical * blockSize;
        int n = (int) Math.min(blockSize, file.length - at);
        System.arraycopy(content, 0, file, (int) at, n);
    }
}
