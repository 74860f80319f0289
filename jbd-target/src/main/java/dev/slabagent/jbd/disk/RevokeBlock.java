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
     * The revoked block numbers of a revoke block of the plain JBD layout.
     *
     * @see #parse(byte[], long, LogFormat)
     */
    public static long[] parse(byte[] image, long journalBlock) throws JournalCorruptException {
        return parse(image, journalBlock, LogFormat.plain(image.length));
    }

    /**
     * The revoked block numbers of a revoke block laid out as {@code format} says. As in
     * the kernel's scan_revoke_records, records are read while a whole one fits below r_count.
     *
     * @throws JournalCorruptException if r_count claims more bytes than the block has before its checksum tail
     */
    public static long[] parse(byte[] image, long journalBlock, LogFormat format) throws JournalCorruptException {
        int recordBytes = format.revokeRecordBytes();
        int room = image.length - format.tailBytes();
        long used = Be32.getUnsigned(image, JbdFormat.HEADER_SIZE);
        if (used > room) {
            throw new JournalCorruptException(journalBlock, "revoke block claims r_count " + used
                    + ", more than the " + room + " bytes that fit");
        }
        int count = Math.max(0, ((int) used - JbdFormat.REVOKE_HEADER_SIZE) / recordBytes);
        long[] blocks = new long[count];
        for (int i = 0; i < count; i++) {
            int at = JbdFormat.REVOKE_HEADER_SIZE + i * recordBytes;
            blocks[i] = recordBytes == 8 ? Be32.getUnsigned(image, at) << 32 | Be32.getUnsigned(image, at + 4)
                    : Be32.getUnsigned(image, at);
        }
        return blocks;
    }
}
