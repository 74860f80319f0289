package dev.slabagent.jbd.ext3;

import dev.slabagent.jbd.device.JournalDevice;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An external journal device ({@code mke2fs -O journal_dev}): an ext2 superblock at byte 1024 that names the
 * device (journal_dev feature, UUID), the journal superblock in the block after it, and the log in the blocks
 * after that. Journal blocks are device blocks, as the kernel and e2fsck number them.
 */
public final class ExternalJournal implements JournalDevice {
    private final Ext3Image device;
    private final int superblockBlock;

    private ExternalJournal(Ext3Image device, int superblockBlock) {
        this.device = device;
        this.superblockBlock = superblockBlock;
    }

    /**
     * Opens {@code path} as the external journal of the file system whose superblock is {@code fs}.
     *
     * @throws Ext3FormatException if it is not a journal device, or not this file system's (block size, UUID)
     */
    public static ExternalJournal open(Path path, Ext3Superblock fs) throws IOException {
        Ext3Image device = Ext3Image.open(path, true);
        try {
            Ext3Superblock sb = device.superblock();
            if (!sb.isJournalDevice()) {
                throw new Ext3FormatException(path + " is not an external journal device (journal_dev is not set)");
            }
            if (!sb.uuid().equals(fs.journalUuid())) {
                throw new Ext3FormatException("journal device " + path + " has UUID " + sb.uuid()
                        + ", but the file system's journal is " + fs.journalUuid());
            }
            if (sb.blockSize() != fs.blockSize()) {
                throw new Ext3FormatException("journal device " + path + " has " + sb.blockSize()
                        + "-byte blocks, the file system " + fs.blockSize());
            }
            // The ext2 superblock sits at byte 1024; the journal superblock takes the next whole block.
            int superblockBlock = Ext3Superblock.OFFSET / sb.blockSize() + 1;
            return new ExternalJournal(device, superblockBlock);
        } catch (IOException | RuntimeException e) {
            device.close();
            throw e;
        }
    }

    @Override
    public int superblockBlock() {
        return superblockBlock;
    }

    @Override
    public int blockSize() {
        return device.blockSize();
    }

    /** The device's blocks, as many as a journal can address. */
    @Override
    public int journalBlocks() {
        return (int) Math.min(device.blockCount(), Integer.MAX_VALUE);
    }

    @Override
    public void readJournalBlock(int n, byte[] dst) throws IOException {
        device.readBlock(n, dst);
    }

    @Override
    public void writeJournalBlock(int n, byte[] src) throws IOException {
        device.writeBlock(n, src);
    }

    @Override
    public void force() throws IOException {
        device.force();
    }

    @Override
    public void close() throws IOException {
        device.close();
    }
}
