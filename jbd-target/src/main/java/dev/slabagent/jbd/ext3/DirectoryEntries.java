package dev.slabagent.jbd.ext3;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * Linear search of the entries in one ext2 directory block ({@code ext2_dir_entry_2}: inode, rec_len,
 * name_len, file_type, name). Hashed (dir_index) directories need no special case: their index blocks look
 * like blocks holding one empty entry, so a linear scan of every block finds every name.
 */
final class DirectoryEntries {

    private static final int HEADER = 8;

    private DirectoryEntries() {
    }

    /**
     * Returns the inode number of {@code name} in directory block {@code block}, if it is there.
     *
     * @param fileType whether the name length is one byte followed by a file type byte
     * @throws Ext3FormatException if an entry runs outside the block or has a bad record length
     */
    static OptionalLong find(ByteBuffer content, long block, boolean fileType, String name)
            throws Ext3FormatException {
        ByteBuffer b = content.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        int size = b.limit();
        int offset = 0;
        while (offset < size) {
            if (offset + HEADER > size) {
                throw bad(block, offset, "entry header runs past the end of the block");
            }
            long inode = Integer.toUnsignedLong(b.getInt(offset));
            int recLen = Short.toUnsignedInt(b.getShort(offset + 4));
            int nameLen = fileType ? Byte.toUnsignedInt(b.get(offset + 6)) : Short.toUnsignedInt(b.getShort(offset + 6));
            if (recLen < HEADER || recLen % 4 != 0 || offset + recLen > size) {
                throw bad(block, offset, "bad rec_len " + recLen);
            }
            if (HEADER + nameLen > recLen) {
                throw bad(block, offset, "name_len " + nameLen + " does not fit in rec_len " + recLen);
            }
            if (inode != 0 && nameLen == wanted.length && nameEquals(b, offset + HEADER, wanted)) {
                return OptionalLong.of(inode);
            }
            offset += recLen;
        }
        return OptionalLong.empty();
    }

    private static boolean nameEquals(ByteBuffer b, int at, byte[] wanted) {
        for (int i = 0; i < wanted.length; i++) {
            if (b.get(at + i) != wanted[i]) {
                return false;
            }
        }
        return true;
    }

    private static Ext3FormatException bad(long block, int offset, String problem) {
        return new Ext3FormatException(block, "directory entry at offset " + offset + ": " + problem);
    }
}
