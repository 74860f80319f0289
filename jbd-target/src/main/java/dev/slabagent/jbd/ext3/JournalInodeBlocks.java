package dev.slabagent.jbd.ext3;

import dev.slabagent.jbd.device.JournalDevice;
import java.io.IOException;

/**
 * The blocks of an internal journal, seen as journal blocks 0..n-1: journal block {@code n} is logical
 * block {@code n} of the journal inode ({@code s_journal_inum}), wherever the inode's block map or extent
 * tree puts it.
 * A view of the image: closing it leaves the image open.
 */
public final class JournalInodeBlocks implements JournalDevice {

    /** Fewest blocks e2fsck accepts in a journal (JBD2_MIN_JOURNAL_BLOCKS). */
    public static final int MIN_JOURNAL_BLOCKS = 1024;

    private final Ext3Image image;
    private final long[] fsBlocks;
    private final Inode restored;

    private JournalInodeBlocks(Ext3Image image, long[] fsBlocks, Inode restored) {
        this.image = image;
        this.fsBlocks = fsBlocks;
        this.restored = restored;
    }

    /**
     * Maps the journal inode of {@code image}. If the inode is unusable as e2fsck judges it (not a regular file
     * in use, encrypted, fewer than {@value #MIN_JOURNAL_BLOCKS} blocks, a hole or a bad pointer before its end)
     * and the superblock keeps a backup of its block words ({@code s_jnl_blocks}), the journal is mapped through
     * the inode rebuilt from that backup, which {@link #writeRestoredInode()} then puts back, as e2fsck does.
     *
     * @throws Ext3FormatException if the image has no internal journal, or neither the inode nor its backup is usable
     */
    public static JournalInodeBlocks of(Ext3Image image) throws IOException {
        Inode inode = image.journalInode();
        try {
            return new JournalInodeBlocks(image, usableBlocks(image, inode), null);
        } catch (Ext3FormatException unusable) {
            if (!image.superblock().journalBackup()) {
                throw unusable;
            }
            Inode backup = Inode.fromJournalBackup(inode.number(), image.superblock().journalBackupBlocks());
            try {
                return new JournalInodeBlocks(image, usableBlocks(image, backup), backup);
            } catch (Ext3FormatException alsoUnusable) {
                throw new Ext3FormatException(unusable.problem() + "; and its backup in s_jnl_blocks, read as a"
                        + " block map as e2fsck reads it: " + alsoUnusable.problem());
            }
        }
    }

    /** The journal's fs blocks if {@code inode} is usable as a journal, as e2fsck_get_journal checks it. */
    private static long[] usableBlocks(Ext3Image image, Inode inode) throws IOException {
        if (inode.linksCount() == 0 || !inode.isRegularFile() || (inode.flags() & Inode.ENCRYPT_FL) != 0) {
            throw new Ext3FormatException(String.format("journal inode %d is not a regular file in use (mode 0%o,"
                    + " %d links, flags 0x%x)", inode.number(), inode.mode(), inode.linksCount(), inode.flags()));
        }
        long blocks = inode.size() / image.blockSize();
        if (blocks < MIN_JOURNAL_BLOCKS) {
            throw new Ext3FormatException("journal inode " + inode.number() + " has " + blocks + " blocks, fewer than"
                    + " the " + MIN_JOURNAL_BLOCKS + " of the smallest journal");
        }
        return image.blockMap(inode).requireNoHoles();
    }

    /** Whether the journal was mapped through the backup in the superblock because the inode was unusable. */
    public boolean restoredFromBackup() {
        return restored != null;
    }

    /** Writes the journal inode rebuilt from the backup into the inode table; does nothing if none was needed. */
    public void writeRestoredInode() throws IOException {
        if (restored != null) {
            image.writeInodeBase(restored);
        }
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
