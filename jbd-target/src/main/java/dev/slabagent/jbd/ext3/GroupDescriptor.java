package dev.slabagent.jbd.ext3;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One block group descriptor (32 bytes, or {@code s_desc_size} with the 64bit feature); only where the group's
 * inode table starts is kept.
 *
 * @param group      the group number
 * @param inodeTable first block of the group's inode table ({@code bg_inode_table}, with its high half if 64bit)
 */
public record GroupDescriptor(long group, long inodeTable) {

    /** Size of a descriptor without the 64bit feature. */
    public static final int SIZE = 32;

    /** Parses the descriptor at the buffer's position, {@code size} bytes long. */
    public static GroupDescriptor parse(long group, ByteBuffer raw, int size) {
        ByteBuffer b = raw.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long low = Integer.toUnsignedLong(b.getInt(b.position() + 8));
        long high = size > SIZE ? Integer.toUnsignedLong(b.getInt(b.position() + 0x28)) : 0;
        return new GroupDescriptor(group, high << 32 | low);
    }
}
