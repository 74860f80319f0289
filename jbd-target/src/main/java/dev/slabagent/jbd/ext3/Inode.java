package dev.slabagent.jbd.ext3;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * One ext2/3/4 inode as read from the inode table: its number, type, links, size, flags and the 15
 * {@code i_block} words (12 direct pointers, then the indirect, double-indirect and triple-indirect blocks; or
 * the root of an extent tree).
 */
public record Inode(long number, int mode, int linksCount, long size, int flags, long[] blockPointers) {

    /** Number of {@code i_block} entries. */
    public static final int N_BLOCKS = 15;
    /** Number of direct pointers in {@code i_block}. */
    public static final int DIRECT_BLOCKS = 12;
    /** Index of the indirect block pointer in {@code i_block}. */
    public static final int IND_BLOCK = 12;
    /** File type mask of {@code i_mode}. */
    public static final int S_IFMT = 0xF000;
    /** {@code i_mode} type of a regular file. */
    public static final int S_IFREG = 0x8000;
    /** {@code i_mode} type of a directory. */
    public static final int S_IFDIR = 0x4000;
    /** {@code i_flags}: the inode maps its blocks with extents (ext4), not with an indirect block map. */
    public static final int EXTENTS_FL = 0x80000;
    /** {@code i_flags}: the file's data is stored inside the inode. */
    public static final int INLINE_DATA_FL = 0x10000000;
    /** {@code i_flags}: the file is encrypted (e2fsck never takes such an inode as the journal). */
    public static final int ENCRYPT_FL = 0x800;
    /** Size of the ext2 inode every inode size starts with (struct ext2_inode). */
    public static final int BASE_SIZE = 128;
    private static final int LINKS_COUNT = 0x1A;
    private static final int FLAGS = 0x20;
    private static final int BLOCKS = 0x28;
    private static final int SIZE_HIGH = 0x6C;

    /** Parses the on-disk inode bytes (little-endian, at least 128 bytes). */
    public static Inode parse(long number, ByteBuffer raw) {
        ByteBuffer b = raw.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int base = b.position();
        int mode = Short.toUnsignedInt(b.getShort(base));
        long sizeLow = Integer.toUnsignedLong(b.getInt(base + 0x04));
        long sizeHigh = Integer.toUnsignedLong(b.getInt(base + SIZE_HIGH));
        long[] pointers = new long[N_BLOCKS];
        for (int i = 0; i < N_BLOCKS; i++) {
            pointers[i] = Integer.toUnsignedLong(b.getInt(base + BLOCKS + 4 * i));
        }
        return new Inode(number, mode, Short.toUnsignedInt(b.getShort(base + LINKS_COUNT)), sizeHigh << 32 | sizeLow,
                b.getInt(base + FLAGS), pointers);
    }

    /**
     * The journal inode e2fsck rebuilds from the superblock's backup ({@code s_jnl_blocks}): the 15 block words,
     * the size, one link, mode 0100600 and nothing else, so its block words are read as a block map.
     *
     * @param backup i_block[0..14], i_size_high, i_size
     */
    public static Inode fromJournalBackup(long number, List<Long> backup) {
        long[] pointers = new long[N_BLOCKS];
        for (int i = 0; i < N_BLOCKS; i++) {
            pointers[i] = backup.get(i);
        }
        return new Inode(number, S_IFREG | 0600, 1, backup.get(N_BLOCKS) << 32 | backup.get(N_BLOCKS + 1), 0, pointers);
    }

    /**
     * The first 128 bytes of this inode as ext2 stores them, with only the fields this record holds (mode,
     * links, size, flags, block words) and zeros elsewhere: what e2fsck writes back for a journal inode it
     * rebuilt from the backup.
     */
    public byte[] baseBytes() {
        ByteBuffer b = ByteBuffer.allocate(BASE_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(0, (short) mode);
        b.putInt(0x04, (int) size);
        b.putShort(LINKS_COUNT, (short) linksCount);
        b.putInt(FLAGS, flags);
        for (int i = 0; i < N_BLOCKS; i++) {
            b.putInt(BLOCKS + 4 * i, (int) blockPointers[i]);
        }
        b.putInt(SIZE_HIGH, (int) (size >>> 32));
        return b.array();
    }

    /** A copy of the 15 {@code i_block} pointers. */
    @Override
    public long[] blockPointers() {
        return blockPointers.clone();
    }

    /** Whether this is a regular file. */
    public boolean isRegularFile() {
        return (mode & S_IFMT) == S_IFREG;
    }

    /** Whether this is a directory. */
    public boolean isDirectory() {
        return (mode & S_IFMT) == S_IFDIR;
    }

    /** Whether the blocks are mapped through {@code i_block} as an ext2/ext3 block map. */
    public boolean hasBlockMap() {
        return (flags & (EXTENTS_FL | INLINE_DATA_FL)) == 0;
    }

    /** Whether {@code i_block} holds the root of an extent tree (ext4). */
    public boolean hasExtents() {
        return (flags & (EXTENTS_FL | INLINE_DATA_FL)) == EXTENTS_FL;
    }

    /** The 60 bytes of {@code i_block} as stored (little-endian words), where an extent tree keeps its root. */
    public ByteBuffer blockArea() {
        ByteBuffer area = ByteBuffer.allocate(4 * N_BLOCKS).order(ByteOrder.LITTLE_ENDIAN);
        for (long pointer : blockPointers) {
            area.putInt((int) pointer);
        }
        return area.flip();
    }

    /** Number of fs blocks the file's size covers. */
    public long blockCount(int blockSize) {
        return (size + blockSize - 1) / blockSize;
    }
}
