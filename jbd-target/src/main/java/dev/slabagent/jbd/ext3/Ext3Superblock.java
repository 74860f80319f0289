package dev.slabagent.jbd.ext3;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;

/**
 * The ext2/ext3 superblock: 1024 little-endian bytes at byte offset 1024 of the image.
 *
 * <p>Only the fields the journal needs are kept. {@link #parse} rejects what this package cannot read
 * correctly (a bad magic, a block size that is not 1..64 KiB, features that change the on-disk layout such
 * as 64-bit group descriptors, meta_bg, extents as the default or metadata checksums).
 */
public record Ext3Superblock(long inodesCount, long blocksCount, long firstDataBlock, int blockSize,
                             long blocksPerGroup, long inodesPerGroup, int inodeSize, int featureCompat,
                             int featureIncompat, int featureRoCompat, UUID uuid, long journalInode) {

    /** Byte offset of the superblock in the image. */
    public static final int OFFSET = 1024;
    /** Size of the superblock on disk. */
    public static final int SIZE = 1024;
    /** ext2 magic number, {@code s_magic}. */
    public static final int MAGIC = 0xEF53;
    /** Offset of {@code s_feature_incompat} inside the superblock. */
    public static final int INCOMPAT_OFFSET = 0x60;
    /** compat feature: the file system has a journal ({@code has_journal}). */
    public static final int COMPAT_HAS_JOURNAL = 0x4;
    /** incompat feature: directory entries carry a file type byte. */
    public static final int INCOMPAT_FILETYPE = 0x2;
    /** incompat feature: the journal needs recovery ({@code needs_recovery}). */
    public static final int INCOMPAT_RECOVER = 0x4;
    /** incompat feature: flexible block groups (only moves metadata; the descriptors still say where). */
    public static final int INCOMPAT_FLEX_BG = 0x200;
    /** ro_compat feature: metadata checksums, which this package would have to maintain on write. */
    public static final int RO_COMPAT_METADATA_CSUM = 0x400;

    private static final int SUPPORTED_INCOMPAT = INCOMPAT_FILETYPE | INCOMPAT_RECOVER | INCOMPAT_FLEX_BG;
    private static final int GOOD_OLD_REV = 0;
    private static final int GOOD_OLD_INODE_SIZE = 128;

    /**
     * Parses the 1024 superblock bytes.
     *
     * @throws Ext3FormatException if the bytes are not an ext2/ext3 superblock this package can read
     */
    public static Ext3Superblock parse(ByteBuffer raw) throws Ext3FormatException {
        ByteBuffer b = raw.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int magic = Short.toUnsignedInt(b.getShort(0x38));
        if (magic != MAGIC) {
            throw bad(String.format("bad superblock magic 0x%04x (expected 0x%04x): not an ext2/ext3 image", magic, MAGIC));
        }
        int logBlockSize = b.getInt(0x18);
        if (logBlockSize < 0 || logBlockSize > 6) {
            throw bad("bad s_log_block_size " + logBlockSize + " (block size must be 1 KiB to 64 KiB)");
        }
        int blockSize = 1024 << logBlockSize;
        int revLevel = b.getInt(0x4C);
        int inodeSize = revLevel == GOOD_OLD_REV ? GOOD_OLD_INODE_SIZE : Short.toUnsignedInt(b.getShort(0x58));
        if (inodeSize < GOOD_OLD_INODE_SIZE || inodeSize > blockSize || Integer.bitCount(inodeSize) != 1) {
            throw bad("bad inode size " + inodeSize);
        }
        int incompat = b.getInt(INCOMPAT_OFFSET);
        if ((incompat & ~SUPPORTED_INCOMPAT) != 0) {
            throw bad(String.format("unsupported incompatible features 0x%x (this is not an ext3 image)",
                    incompat & ~SUPPORTED_INCOMPAT));
        }
        int roCompat = b.getInt(0x64);
        if ((roCompat & RO_COMPAT_METADATA_CSUM) != 0) {
            throw bad("metadata_csum is set: ext3 images have no metadata checksums");
        }
        long blocksPerGroup = Integer.toUnsignedLong(b.getInt(0x20));
        long inodesPerGroup = Integer.toUnsignedLong(b.getInt(0x28));
        if (blocksPerGroup == 0 || inodesPerGroup == 0) {
            throw bad("zero blocks or inodes per group");
        }
        long blocksCount = Integer.toUnsignedLong(b.getInt(0x04));
        long firstDataBlock = Integer.toUnsignedLong(b.getInt(0x14));
        if (firstDataBlock >= blocksCount) {
            throw bad("first data block " + firstDataBlock + " is not below the block count " + blocksCount);
        }
        ByteBuffer uuidBytes = raw.duplicate().order(ByteOrder.BIG_ENDIAN);
        UUID uuid = new UUID(uuidBytes.getLong(0x68), uuidBytes.getLong(0x70));
        return new Ext3Superblock(Integer.toUnsignedLong(b.getInt(0x00)), blocksCount, firstDataBlock, blockSize,
                blocksPerGroup, inodesPerGroup, inodeSize, b.getInt(0x5C), incompat, roCompat, uuid,
                Integer.toUnsignedLong(b.getInt(0xE0)));
    }

    /** Number of block groups. */
    public long groupCount() {
        return (blocksCount - firstDataBlock + blocksPerGroup - 1) / blocksPerGroup;
    }

    /** Whether the image has a journal ({@code has_journal}). */
    public boolean hasJournal() {
        return (featureCompat & COMPAT_HAS_JOURNAL) != 0;
    }

    /** Whether the needs_recovery flag is set. */
    public boolean needsRecovery() {
        return (featureIncompat & INCOMPAT_RECOVER) != 0;
    }

    /** Whether directory entries carry a file type byte (so the name length is one byte). */
    public boolean hasFileType() {
        return (featureIncompat & INCOMPAT_FILETYPE) != 0;
    }

    private static Ext3FormatException bad(String problem) {
        return new Ext3FormatException("superblock at byte " + OFFSET + ": " + problem);
    }
}
