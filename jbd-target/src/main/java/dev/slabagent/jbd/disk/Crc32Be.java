package dev.slabagent.jbd.disk;

/**
 * The kernel's {@code crc32_be(seed, data, len)}: CRC-32 (polynomial 0x04C11DB7) computed most significant bit
 * first, with no inversion. jbd2's version 1 journal checksum ({@code JBD2_FEATURE_COMPAT_CHECKSUM}) runs every
 * descriptor and data block of a transaction through it, starting from {@code ~0}, and stores the result in the
 * commit block.
 */
public final class Crc32Be {
    private static final int POLY = 0x04C11DB7;
    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i << 24;
            for (int k = 0; k < 8; k++) {
                c = (c & 0x80000000) != 0 ? (c << 1) ^ POLY : c << 1;
            }
            TABLE[i] = c;
        }
    }

    private Crc32Be() {
    }

    /** Runs {@code data[from, from+length)} through the register {@code crc}. */
    public static int update(int crc, byte[] data, int from, int length) {
        for (int i = from; i < from + length; i++) {
            crc = (crc << 8) ^ TABLE[((crc >>> 24) ^ data[i]) & 0xFF];
        }
        return crc;
    }
}
