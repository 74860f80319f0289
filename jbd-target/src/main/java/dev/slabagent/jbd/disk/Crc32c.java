package dev.slabagent.jbd.disk;

/**
 * CRC-32C (Castagnoli) as the kernel's {@code crc32c(seed, data, len)} computes it: the seed is the running
 * register and nothing is inverted on the way in or out, so a checksum over two buffers is
 * {@code update(update(seed, a), b)}. {@link java.util.zip.CRC32C} always starts from {@code ~0} and inverts
 * its result, which cannot express jbd2's seeded checksums.
 */
public final class Crc32c {
    private static final int POLY_REFLECTED = 0x82F63B78;
    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ POLY_REFLECTED : c >>> 1;
            }
            TABLE[i] = c;
        }
    }

    private Crc32c() {
    }

    /** Runs {@code data[from, from+length)} through the register {@code crc}. */
    public static int update(int crc, byte[] data, int from, int length) {
        for (int i = from; i < from + length; i++) {
            crc = (crc >>> 8) ^ TABLE[(crc ^ data[i]) & 0xFF];
        }
        return crc;
    }
}
