package dev.slabagent.jbd.ext3;

import dev.slabagent.jbd.JournalOptions;
import dev.slabagent.jbd.fs.JournaledFs;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An ext3 image with our journal running in its journal inode: home blocks are the image's own fs blocks,
 * journal blocks are the journal inode's blocks, and the needs_recovery flag follows the journal's state.
 * Opening recovers a journal the kernel, e2fsprogs or we left needing recovery.
 */
public final class Ext3Mount implements Closeable {
    private final Ext3Image image;
    private final JournaledFs fs;

    private Ext3Mount(Ext3Image image, JournaledFs fs) {
        this.image = image;
        this.fs = fs;
    }

    /**
     * Opens {@code path} read-write and loads its journal, replaying it if it holds committed transactions.
     *
     * @param options journal tunables; their listener is replaced by the one that keeps needs_recovery
     * @throws Ext3FormatException if the image or its journal inode cannot be read, or the image is not laid
     *     out as ext3 (writing an ext4 image would also mean keeping its metadata checksums)
     */
    public static Ext3Mount open(Path path, JournalOptions options) throws IOException {
        Ext3Image image = Ext3Image.open(path, true);
        try {
            if (!image.superblock().isExt3Layout()) {
                throw new Ext3FormatException(path + " uses extents, 64bit or metadata_csum: only ext3 images are"
                        + " written through the journal (recover --image replays ext4 journals)");
            }
            JournalInodeBlocks journal = JournalInodeBlocks.of(image);
            JournaledFs fs = JournaledFs.open(journal, image, options.withListener(new NeedsRecoveryFlag(image)));
            return new Ext3Mount(image, fs);
        } catch (IOException | RuntimeException e) {
            image.close();
            throw e;
        }
    }

    /** The image, for looking up files and reading its structures. */
    public Ext3Image image() {
        return image;
    }

    /** The journaled block store over the image: byte position {@code b * blockSize} is fs block {@code b}. */
    public JournaledFs fs() {
        return fs;
    }

    /** Replaces the whole of fs block {@code block} through the journal: one handle. */
    public void writeBlock(long block, byte[] content) throws IOException {
        if (content.length != image.blockSize()) {
            throw new IllegalArgumentException("a block write needs " + image.blockSize() + " bytes, got " + content.length);
        }
        fs.write(block * image.blockSize(), content);
    }

    /** The current content of fs block {@code block}, journaled changes included. */
    public byte[] readBlock(long block) throws IOException {
        byte[] content = new byte[image.blockSize()];
        fs.read(block * image.blockSize(), content, 0, content.length);
        return content;
    }

    /** Commits, checkpoints everything, empties the journal (s_start = 0), clears needs_recovery, closes. */
    @Override
    public void close() throws IOException {
        fs.close();
    }

    /** Commits and stops like a crash right after the last commit: needs_recovery stays set. Closes the image. */
    public void closeWithoutCheckpoint() throws IOException {
        fs.closeWithoutCheckpoint();
    }
}
