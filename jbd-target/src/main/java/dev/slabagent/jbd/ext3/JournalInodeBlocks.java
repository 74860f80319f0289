package dev.slabagent.jbd.ext3;

import dev.slabagent.jbd.device.JournalDevice;
import java.io.IOException;

/**
 * The blocks of an internal ext3 journal, seen as journal blocks 0..n-1: journal block {@code n} is logical
 * block {@code n} of the journal inode ({@code s_journal_inum}), wherever the inode's block map puts it.
 * A view of the image: closing it leaves the image open.
 */
public final class JournalInodeBlocks implements JournalDevice {

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

    @Override
    public int blockSize() {
        return image.blockSize();
    }

    /** Number of journal blocks (the journal inode's size in blocks). */
    @Override
    public int journalBlocks() {
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

    @Override
    public void readJournalBlock(int n, byte[] dst) throws IOException {
        image.readBlock(fsBlock(n), dst);
    }

    @Override
    public void writeJournalBlock(int n, byte[] src) throws IOException {
        image.writeBlock(fsBlock(n), src);
    }

    @Override
    public void force() throws IOException {
        image.force();
    }

    /** Does nothing: the image belongs to whoever opened it. */
    @Override
    public void close() {
    }
}
