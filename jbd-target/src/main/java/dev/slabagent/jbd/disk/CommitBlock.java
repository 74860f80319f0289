package dev.slabagent.jbd.disk;

import java.util.Arrays;

/** The commit block (type 2): a header and zeros, as fs/jbd writes it. */
public final class CommitBlock {
    private CommitBlock() {
    }

    /** Fills {@code image} with the commit block of transaction {@code sequence}. */
    public static void write(byte[] image, int sequence) {
        Arrays.fill(image, (byte) 0);
        BlockHeader.write(image, JbdFormat.COMMIT_BLOCK, sequence);
    }
}
