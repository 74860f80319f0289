package dev.slabagent.jbd.disk;

import java.util.Arrays;

/**
 * Writes and parses revoke blocks (journal_revoke_header_t): header, r_count = bytes used including the
 * 16-byte header, then big-endian 32-bit block numbers.
 */
public final class RevokeBlock {
    private RevokeBlock() {
    }

    /** Revoke records one block of {@code blockSize} bytes holds. */
    public static int capacity(int blockSize) {
        return (blockSize - JbdFormat.REVOKE_HEADER_SIZE) / JbdFormat.REVOKE_RECORD_SIZE;
    }

    /** Revoke blocks needed for {@code records} records. */
    public static int blocksFor(int records, int blockSize) {
        int cap = capacity(blockSize);
        return (records + cap - 1) / cap;
    }

    /**
     * Fills {@code image} with one revoke block holding {@code count} records from {@code blocks[from..]}.
     */
    public static void write(byte[] image, int sequence, long[] blocks, int from, int count) {
        if (count > capacity(image.length)) {
            throw new IllegalArgumentException(count + " revoke records do not fit a " + image.length + "-byte block");
        }
        Arrays.fill(image, (byte) 0);
        BlockHeader.write(image, JbdFormat.REVOKE_BLOCK, sequence);
        Be32.put(image, JbdFormat.HEADER_SIZE, JbdFormat.REVOKE_HEADER_SIZE + count * JbdFormat.REVOKE_RECORD_SIZE);
        for (int i = 0; i < count; i++) {
            Be32.put(image, JbdFormat.REVOKE_HEADER_SIZE + i * JbdFormat.REVOKE_RECORD_SIZE, (int) blocks[from + i]);
        }
    }

    /**
     * The revoked block numbers of a revoke block.
     *
     * @throws JournalCorruptException if r_count is not 16 + 4n within the block
     */
    public static long[] parse(byte[] image, long journalBlock) throws JournalCorruptException {
        int used = Be32.get(image, JbdFormat.HEADER_SIZE);
        if (used < JbdFormat.REVOKE_HEADER_SIZE || used > image.length
                || (used - JbdFormat.REVOKE_HEADER_SIZE) % JbdFormat.REVOKE_RECORD_SIZE != 0) {
            throw new JournalCorruptException(journalBlock, "bad revoke r_count " + used);
        }
        long[] blocks = new long[(used - JbdFormat.REVOKE_HEADER_SIZE) / JbdFormat.REVOKE_RECORD_SIZE];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = Be32.getUnsigned(image, JbdFormat.REVOKE_HEADER_SIZE + i * JbdFormat.REVOKE_RECORD_SIZE);
        }
        return blocks;
    }
}
