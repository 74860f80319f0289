package dev.slabagent.jbd.disk;

import java.util.Arrays;

/**
 * The journal superblock (journal_superblock_t), journal block 0. It keeps the whole block image so
 * bytes this implementation does not interpret (s_users, padding) are written back unchanged.
 */
public final class JournalSuperblock {
    private static final int BLOCKSIZE = 0x0C;
    private static final int MAXLEN = 0x10;
    private static final int FIRST = 0x14;
    private static final int SEQUENCE = 0x18;
    private static final int START = 0x1C;
    private static final int ERRNO = 0x20;
    private static final int FEATURE_COMPAT = 0x24;
    private static final int FEATURE_INCOMPAT = 0x28;
    private static final int FEATURE_RO_COMPAT = 0x2C;
    private static final int UUID = 0x30;
    private static final int NR_USERS = 0x40;
    /** Smallest block size JBD supports (the superblock structure is 1024 bytes). */
    public static final int MIN_BLOCK_SIZE = 1024;

    private final byte[] image;

    private JournalSuperblock(byte[] image) {
        this.image = image;
    }

    /**
     * A fresh version 2 superblock as journal_create writes it: empty log, first log block 1.
     *
     * @param blockSize journal block size, a power of two of at least 1024
     * @param maxLen total journal blocks, superblock included
     * @param sequence transaction id the log expects next
     * @param uuid 16 bytes
     */
    public static JournalSuperblock format(int blockSize, int maxLen, int sequence, byte[] uuid) {
        if (blockSize < MIN_BLOCK_SIZE || Integer.bitCount(blockSize) != 1) {
            throw new IllegalArgumentException("journal block size " + blockSize + " is not a power of two >= 1024");
        }
        if (maxLen < 3) {
            throw new IllegalArgumentException("journal of " + maxLen + " blocks is too small");
        }
        if (uuid.length != JbdFormat.UUID_SIZE) {
            throw new IllegalArgumentException("journal uuid must be 16 bytes, got " + uuid.length);
        }
        byte[] image = new byte[blockSize];
        BlockHeader.write(image, JbdFormat.SUPERBLOCK_V2, 0);
        Be32.put(image, BLOCKSIZE, blockSize);
        Be32.put(image, MAXLEN, maxLen);
        Be32.put(image, FIRST, 1);
        Be32.put(image, SEQUENCE, sequence);
        Be32.put(image, NR_USERS, 1);
        System.arraycopy(uuid, 0, image, UUID, JbdFormat.UUID_SIZE);
        return new JournalSuperblock(image);
    }

    /**
     * Parses and checks block 0 of a journal (journal_get_superblock).
     *
     * @param image block 0, at least 1024 bytes
     * @throws JournalCorruptException naming block 0 and the bad field
     */
    public static JournalSuperblock parse(byte[] image) throws JournalCorruptException {
        if (image.length < MIN_BLOCK_SIZE) {
            throw new JournalCorruptException(0, "short read: " + image.length + " of " + MIN_BLOCK_SIZE + " bytes");
        }
        if (!BlockHeader.hasMagic(image)) {
            throw new JournalCorruptException(0, String.format("bad magic 0x%08x", Be32.get(image, 0)));
        }
        int type = BlockHeader.blockType(image);
        if (type != JbdFormat.SUPERBLOCK_V1 && type != JbdFormat.SUPERBLOCK_V2) {
            throw new JournalCorruptException(0, "block type " + type + " is not a journal superblock");
        }
        JournalSuperblock sb = new JournalSuperblock(image);
        int bs = sb.blockSize();
        if (bs < MIN_BLOCK_SIZE || Integer.bitCount(bs) != 1) {
            throw new JournalCorruptException(0, "bad block size " + bs);
        }
        long maxLen = Integer.toUnsignedLong(Be32.get(image, MAXLEN));
        long first = Integer.toUnsignedLong(Be32.get(image, FIRST));
        long start = Integer.toUnsignedLong(Be32.get(image, START));
        if (maxLen > Integer.MAX_VALUE || first < 1 || first >= maxLen) {
            throw new JournalCorruptException(0, "bad log bounds: s_first " + first + ", s_maxlen " + maxLen);
        }
        if (start != 0 && (start < first || start >= maxLen)) {
            throw new JournalCorruptException(0, "s_start " + start + " outside the log [" + first + ", " + maxLen + ")");
        }
        int unknown = sb.featureIncompat() & ~JbdFormat.KNOWN_INCOMPAT;
        if (unknown != 0) {
            throw new JournalCorruptException(0, "unsupported incompatible features " + JbdFormat.incompatNames(unknown));
        }
        if (Be32.get(image, NR_USERS) > 1) {
            throw new JournalCorruptException(0, "shared journal with " + Be32.get(image, NR_USERS) + " users");
        }
        return sb;
    }

    /** The block image to write to journal block 0 (live: later setter calls change it). */
    public byte[] image() {
        return image;
    }

    /** s_blocksize. */
    public int blockSize() {
        return Be32.get(image, BLOCKSIZE);
    }

    /** s_maxlen: total journal blocks. */
    public int maxLen() {
        return Be32.get(image, MAXLEN);
    }

    /** s_first: first log block. */
    public int first() {
        return Be32.get(image, FIRST);
    }

    /** s_sequence: tid expected at {@link #start()}. */
    public int sequence() {
        return Be32.get(image, SEQUENCE);
    }

    /** s_start: journal block of the oldest live transaction, 0 when the log is empty. */
    public int start() {
        return Be32.get(image, START);
    }

    /** s_errno. */
    public int errno() {
        return Be32.get(image, ERRNO);
    }

    /** s_feature_compat. */
    public int featureCompat() {
        return Be32.get(image, FEATURE_COMPAT);
    }

    /** s_feature_incompat. */
    public int featureIncompat() {
        return Be32.get(image, FEATURE_INCOMPAT);
    }

    /** s_feature_ro_compat. */
    public int featureRoCompat() {
        return Be32.get(image, FEATURE_RO_COMPAT);
    }

    /** A copy of s_uuid. */
    public byte[] uuid() {
        return Arrays.copyOfRange(image, UUID, UUID + JbdFormat.UUID_SIZE);
    }

    /** Sets the log tail: s_start (0 = empty) and s_sequence. */
    public void setTail(int start, int sequence) {
        Be32.put(image, START, start);
        Be32.put(image, SEQUENCE, sequence);
    }

    /** Sets bits in s_feature_incompat. */
    public void addIncompatFeatures(int bits) {
        Be32.put(image, FEATURE_INCOMPAT, featureIncompat() | bits);
    }
}
