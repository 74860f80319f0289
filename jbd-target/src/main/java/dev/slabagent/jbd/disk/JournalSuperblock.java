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
    private static final int CHECKSUM_TYPE = 0x50;
    private static final int CHECKSUM = 0xFC;
    /** Bytes the superblock checksum covers (sizeof(journal_superblock_t)). */
    private static final int CHECKSUMMED_SIZE = 1024;
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
        sb.checkChecksum();
        if (Be32.get(image, NR_USERS) > 1) {
            throw new JournalCorruptException(0, "shared journal with " + Be32.get(image, NR_USERS) + " users");
        }
        return sb;
    }

    /** Whether this is a version 2 superblock: only those have feature fields (a version 1 journal has none). */
    public boolean isVersion2() {
        return BlockHeader.blockType(image) == JbdFormat.SUPERBLOCK_V2;
    }

    /** Whether blocks carry crc32c checksums (checksum v2 or v3). */
    public boolean hasCrc32cChecksums() {
        return (featureIncompat() & (JbdFormat.FEATURE_INCOMPAT_CSUM_V2 | JbdFormat.FEATURE_INCOMPAT_CSUM_V3)) != 0;
    }

    /** The checks of journal_get_superblock for checksummed journals: one layout, crc32c, a matching checksum. */
    private void checkChecksum() throws JournalCorruptException {
        if (!hasCrc32cChecksums()) {
            return;
        }
        int both = JbdFormat.FEATURE_INCOMPAT_CSUM_V2 | JbdFormat.FEATURE_INCOMPAT_CSUM_V3;
        if ((featureIncompat() & both) == both) {
            throw new JournalCorruptException(0, "both checksum_v2 and checksum_v3 are set");
        }
        if ((featureCompat() & JbdFormat.FEATURE_COMPAT_CHECKSUM) != 0) {
            throw new JournalCorruptException(0, "both checksum v1 (compat) and checksum v2/v3 are set");
        }
        int type = Byte.toUnsignedInt(image[CHECKSUM_TYPE]);
        if (type != JbdFormat.CHECKSUM_TYPE_CRC32C) {
            throw new JournalCorruptException(0, "checksum type " + type + " is not crc32c ("
                    + JbdFormat.CHECKSUM_TYPE_CRC32C + ")");
        }
        int stored = Be32.get(image, CHECKSUM);
        int computed = computeChecksum();
        if (stored != computed) {
            throw new JournalCorruptException(0, String.format("bad superblock checksum 0x%08x (computed 0x%08x)",
                    stored, computed));
        }
    }

    /** crc32c(~0) over the 1024-byte superblock with s_checksum taken as zero (jbd2_superblock_csum). */
    private int computeChecksum() {
        int saved = Be32.get(image, CHECKSUM);
        Be32.put(image, CHECKSUM, 0);
        int crc = Crc32c.update(~0, image, 0, CHECKSUMMED_SIZE);
        Be32.put(image, CHECKSUM, saved);
        return crc;
    }

    private void updateChecksum() {
        if (hasCrc32cChecksums()) {
            Be32.put(image, CHECKSUM, computeChecksum());
        }
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

    /** s_feature_compat (0 in a version 1 superblock, whose feature fields mean nothing). */
    public int featureCompat() {
        return isVersion2() ? Be32.get(image, FEATURE_COMPAT) : 0;
    }

    /** s_feature_incompat (0 in a version 1 superblock). */
    public int featureIncompat() {
        return isVersion2() ? Be32.get(image, FEATURE_INCOMPAT) : 0;
    }

    /** s_feature_ro_compat (0 in a version 1 superblock). */
    public int featureRoCompat() {
        return isVersion2() ? Be32.get(image, FEATURE_RO_COMPAT) : 0;
    }

    /** A copy of s_uuid. */
    public byte[] uuid() {
        return Arrays.copyOfRange(image, UUID, UUID + JbdFormat.UUID_SIZE);
    }

    /** Sets the log tail: s_start (0 = empty) and s_sequence. */
    public void setTail(int start, int sequence) {
        Be32.put(image, START, start);
        Be32.put(image, SEQUENCE, sequence);
        updateChecksum();
    }

    /** Sets bits in s_feature_incompat. */
    public void addIncompatFeatures(int bits) {
        Be32.put(image, FEATURE_INCOMPAT, featureIncompat() | bits);
        updateChecksum();
    }
}
