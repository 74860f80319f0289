package dev.slabagent.jbd.ext3;

import dev.slabagent.jbd.disk.Crc32c;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The ext2/ext3/ext4 superblock: 1024 little-endian bytes at byte offset 1024 of the image.
 *
 * <p>Only the fields the journal needs are kept. {@link #parse} rejects what this package cannot read
 * correctly: a bad magic, a block size that is not 1..64 KiB, a bad checksum where metadata_csum is on, and
 * features that move the group descriptors or the journal out of reach (meta_bg, MMP, or unknown ones).
 */
public record Ext3Superblock(long inodesCount, long blocksCount, long firstDataBlock, int blockSize,
                             long blocksPerGroup, long inodesPerGroup, int inodeSize, int featureCompat,
                             int featureIncompat, int featureRoCompat, UUID uuid, long journalInode,
                             int descriptorSize, UUID journalUuid, boolean journalBackup, List<Long> journalBackupBlocks) {

    /** Byte offset of the superblock in the image. */
    public static final int OFFSET = 1024;
    /** Size of the superblock on disk. */
    public static final int SIZE = 1024;
    /** ext2 magic number, {@code s_magic}. */
    public static final int MAGIC = 0xEF53;
    /** Offset of {@code s_feature_incompat} inside the superblock. */
    public static final int INCOMPAT_OFFSET = 0x60;
    /** Offset of {@code s_state} (u16). */
    public static final int STATE_OFFSET = 0x3A;
    /** {@code s_state} bit: unmounted cleanly (e2fsck clears it when a journal replay fails). */
    public static final int STATE_VALID = 0x1;
    /** {@code s_state} bit: errors were detected (e2fsck sets it for a corrupt journal transaction). */
    public static final int STATE_ERRORS = 0x2;
    /** Offset of {@code s_checksum}, the crc32c of the bytes before it (metadata_csum). */
    public static final int CHECKSUM_OFFSET = 0x3FC;
    /** compat feature: the file system has a journal ({@code has_journal}). */
    public static final int COMPAT_HAS_JOURNAL = 0x4;
    /** incompat feature: directory entries carry a file type byte. */
    public static final int INCOMPAT_FILETYPE = 0x2;
    /** incompat feature: the journal needs recovery ({@code needs_recovery}). */
    public static final int INCOMPAT_RECOVER = 0x4;
    /** incompat feature: this is an external journal device, not a file system. */
    public static final int INCOMPAT_JOURNAL_DEV = 0x8;
    /** incompat feature: files may map their blocks with extents. */
    public static final int INCOMPAT_EXTENTS = 0x40;
    /** incompat feature: 64-bit block numbers and group descriptors of {@code s_desc_size} bytes. */
    public static final int INCOMPAT_64BIT = 0x80;
    /** incompat feature: flexible block groups (only moves metadata; the descriptors still say where). */
    public static final int INCOMPAT_FLEX_BG = 0x200;
    /** ro_compat feature: metadata checksums; the superblock's own must be kept valid on write. */
    public static final int RO_COMPAT_METADATA_CSUM = 0x400;

    /**
     * Incompat features that leave superblock, group descriptors, inodes and the journal where this package
     * reads them: filetype, recover, journal_dev, extents, 64bit, flex_bg, ea_inode, dirdata, csum_seed, largedir,
     * inline_data, encrypt, casefold.
     */
    private static final int SUPPORTED_INCOMPAT = INCOMPAT_FILETYPE | INCOMPAT_RECOVER | INCOMPAT_JOURNAL_DEV
            | INCOMPAT_EXTENTS | INCOMPAT_64BIT | INCOMPAT_FLEX_BG | 0x400 | 0x1000 | 0x2000 | 0x4000 | 0x8000
            | 0x10000 | 0x20000;
    private static final int INCOMPAT_META_BG = 0x10;
    private static final int INCOMPAT_MMP = 0x100;
    private static final int GOOD_OLD_REV = 0;
    private static final int GOOD_OLD_INODE_SIZE = 128;
    private static final int GOOD_OLD_DESC_SIZE = 32;
    private static final int JNL_BACKUP_BLOCKS = 1;
    private static final int JNL_BLOCKS_OFFSET = 0x10C;
    /** Entries of {@code s_jnl_blocks}: the journal inode's 15 i_block words, then i_size_high and i_size. */
    public static final int JNL_BLOCKS = 17;

    /**
     * Parses the 1024 superblock bytes.
     *
     * @throws Ext3FormatException if the bytes are not a superblock this package can read
     */
    public static Ext3Superblock parse(ByteBuffer raw) throws Ext3FormatException {
        ByteBuffer b = raw.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int magic = Short.toUnsignedInt(b.getShort(0x38));
        if (magic != MAGIC) {
            throw bad(String.format("bad superblock magic 0x%04x (expected 0x%04x): not an ext2/3/4 image", magic, MAGIC));
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
        if ((incompat & INCOMPAT_META_BG) != 0) {
            throw bad("meta_bg is set: group descriptors in meta block groups are not read by this package");
        }
        if ((incompat & INCOMPAT_MMP) != 0) {
            throw bad("mmp is set: multi-mount protection is not honoured by this package");
        }
        if ((incompat & ~SUPPORTED_INCOMPAT) != 0) {
            throw bad(String.format("unsupported incompatible features 0x%x", incompat & ~SUPPORTED_INCOMPAT));
        }
        int roCompat = b.getInt(0x64);
        if ((roCompat & RO_COMPAT_METADATA_CSUM) != 0) {
            int stored = b.getInt(CHECKSUM_OFFSET);
            int computed = checksum(raw);
            if (stored != computed) {
                throw bad(String.format("bad superblock checksum 0x%08x (computed 0x%08x)", stored, computed));
            }
        }
        long blocksPerGroup = Integer.toUnsignedLong(b.getInt(0x20));
        long inodesPerGroup = Integer.toUnsignedLong(b.getInt(0x28));
        if (blocksPerGroup == 0 || (inodesPerGroup == 0 && (incompat & INCOMPAT_JOURNAL_DEV) == 0)) {
            throw bad("zero blocks or inodes per group");
        }
        boolean wide = (incompat & INCOMPAT_64BIT) != 0;
        long blocksCount = Integer.toUnsignedLong(b.getInt(0x04))
                | (wide ? Integer.toUnsignedLong(b.getInt(0x150)) << 32 : 0);
        long firstDataBlock = Integer.toUnsignedLong(b.getInt(0x14));
        if (firstDataBlock >= blocksCount) {
            throw bad("first data block " + firstDataBlock + " is not below the block count " + blocksCount);
        }
        int descriptorSize = wide ? Short.toUnsignedInt(b.getShort(0xFE)) : GOOD_OLD_DESC_SIZE;
        if (descriptorSize < GOOD_OLD_DESC_SIZE || descriptorSize > blockSize || Integer.bitCount(descriptorSize) != 1) {
            throw bad("bad group descriptor size " + descriptorSize);
        }
        List<Long> backup = new ArrayList<>(JNL_BLOCKS);
        for (int i = 0; i < JNL_BLOCKS; i++) {
            backup.add(Integer.toUnsignedLong(b.getInt(JNL_BLOCKS_OFFSET + 4 * i)));
        }
        return new Ext3Superblock(Integer.toUnsignedLong(b.getInt(0x00)), blocksCount, firstDataBlock, blockSize,
                blocksPerGroup, inodesPerGroup, inodeSize, b.getInt(0x5C), incompat, roCompat, uuidAt(raw, 0x68),
                Integer.toUnsignedLong(b.getInt(0xE0)), descriptorSize, uuidAt(raw, 0xD0),
                Byte.toUnsignedInt(b.get(0xFD)) == JNL_BACKUP_BLOCKS, List.copyOf(backup));
    }

    /** crc32c(~0) of the superblock bytes before {@code s_checksum}, as ext4 stores it (little-endian). */
    public static int checksum(ByteBuffer raw) {
        byte[] bytes = new byte[CHECKSUM_OFFSET];
        raw.duplicate().position(0).get(bytes);
        return Crc32c.update(~0, bytes, 0, bytes.length);
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

    /** Whether this superblock belongs to an external journal device rather than a file system. */
    public boolean isJournalDevice() {
        return (featureIncompat & INCOMPAT_JOURNAL_DEV) != 0;
    }

    /** Whether the superblock carries a metadata_csum checksum that every write must keep valid. */
    public boolean hasMetadataChecksum() {
        return (featureRoCompat & RO_COMPAT_METADATA_CSUM) != 0;
    }

    /** Whether the layout is ext3's (no extents, 64bit or metadata checksums), the only one this package writes. */
    public boolean isExt3Layout() {
        return (featureIncompat & (INCOMPAT_EXTENTS | INCOMPAT_64BIT)) == 0 && !hasMetadataChecksum();
    }

    private static UUID uuidAt(ByteBuffer raw, int offset) {
        ByteBuffer be = raw.duplicate().order(ByteOrder.BIG_ENDIAN);
        return new UUID(be.getLong(offset), be.getLong(offset + 8));
    }

    private static Ext3FormatException bad(String problem) {
        return new Ext3FormatException("superblock at byte " + OFFSET + ": " + problem);
    }
}
