package dev.slabagent.jbd.ext3;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The blocks of an internal ext3 journal, seen as journal blocks 0..n-1: journal block {@code n} is logical
 * block {@code n} of the journal inode ({@code s_journal_inum}), wherever the inode's block map puts it.
 */
public final class JournalInodeBlocks {

    private final Ext3Image image;
    private final long[] fsBlocks;

    private JournalInodeBlocks(Ext3Image image, long[] fsBlocks) {
        this.image = image;
        this.fsBlocks = fsBlocks;
    }

    /**
     * Maps the journal inode of {@code image}.
     *
     * @throws Ext3FormatException if the image has no journal inode or its map has a hole
     */
    public static JournalInodeBlocks of(Ext3Image image) throws IOException {
        Inode inode = image.journalInode();
        if (!inode.isRegularFile()) {
            throw new Ext3FormatException("journal inode " + inode.number() + " is not a regular file");
        }
        long[] blocks = image.blockMap(inode).requireNoHoles();
        if (blocks.length < 2) {
            throw new Ext3FormatException("journal inode " + inode.number() + " has " + blocks.length + " blocks");
        }
        return new JournalInodeBlocks(image, blocks);
    }

    /** Number of journal blocks (the journal inode's size in blocks). */
    public long blockCount() {
        return fsBlocks.length;
    }

    /** The fs block that holds journal block {@code journalBlock}. */
    public long fsBlock(long journalBlock) {
        if (journalBlock < 0 || journalBlock >= fsBlocks.length) {
            throw new IndexOutOfBoundsException("journal block " + journalBlock + " is outside the journal's "
                    + fsBlocks.length + " blocks");
        }
        return fsBlocks[(int) journalBlock];
    }

    /** Reads journal block {@code journalBlock}. */
    public ByteBuffer read(long journalBlock) throws IOException {
        return image.readBlock(fsBlock(journalBlock));
    }

    /** Writes one whole journal block. */
    public void write(long journalBlock, ByteBuffer content) throws IOException {
        image.writeBlock(fsBlock(journalBlock), content);
    }
}
