package dev.slabagent.jbd.ext3;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One 32-byte ext2/ext3 block group descriptor; only where the group's inode table starts is kept.
 *
 * @param group      the group number
 * @param inodeTable first block of the group's inode table ({@code bg_inode_table})
 */
public record GroupDescriptor(long group, long inodeTable) {

    /** Size of a descriptor without the 64bit feature. */
    public static final int SIZE = 32;

    /** Parses the descriptor at the buffer's position. */
    public static GroupDescriptor parse(long group, ByteBuffer raw) {
        ByteBuffer b = raw.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        return new GroupDescriptor(group, Integer.toUnsignedLong(b.getInt(b.position() + 8)));
    }
}
