package dev.slabagent.jbd.ext3;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One ext2/ext3 inode as read from the inode table: its number, type, size and the 15 {@code i_block}
 * pointers (12 direct, then the indirect, double-indirect and triple-indirect blocks).
 */
public record Inode(long number, int mode, long size, int flags, long[] blockPointers) {

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

    /** Parses the on-disk inode bytes (little-endian, at least 128 bytes). */
    public static Inode parse(long number, ByteBuffer raw) {
        ByteBuffer b = raw.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int base = b.position();
        int mode = Short.toUnsignedInt(b.getShort(base));
        long sizeLow = Integer.toUnsignedLong(b.getInt(base + 0x04));
        long sizeHigh = Integer.toUnsignedLong(b.getInt(base + 0x6C));
        long[] pointers = new long[N_BLOCKS];
        for (int i = 0; i < N_BLOCKS; i++) {
            pointers[i] = Integer.toUnsignedLong(b.getInt(base + 0x28 + 4 * i));
        }
        return new Inode(number, mode, sizeHigh << 32 | sizeLow, b.getInt(base + 0x20), pointers);
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
