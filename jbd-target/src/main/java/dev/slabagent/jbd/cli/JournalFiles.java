package dev.slabagent.jbd.cli;

import dev.slabagent.jbd.Journal;
import dev.slabagent.jbd.device.FileBlocks;
import dev.slabagent.jbd.disk.JournalCorruptException;
import dev.slabagent.jbd.disk.JournalSuperblock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;

/** The two files of a workload directory: {@code DIR/journal} (a bare JBD journal) and {@code DIR/device}. */
final class JournalFiles {
    private JournalFiles() {
    }

    static Path journal(Path dir) {
        return dir.resolve("journal");
    }

    static Path device(Path dir) {
        return dir.resolve("device");
    }

    /** Creates both files, formatting the journal with a UUID derived from {@code seed}. */
    static FileBlocks[] create(Path dir, int blockSize, int journalBlocks, long deviceBlocks, long seed)
            throws IOException {
        Files.createDirectories(dir);
        FileBlocks journal = FileBlocks.create(journal(dir), blockSize, journalBlocks);
        byte[] uuid = new byte[16];
        new SplittableRandom(seed).nextBytes(uuid);
        Journal.format(journal, uuid);
        return new FileBlocks[] {journal, FileBlocks.create(device(dir), blockSize, deviceBlocks)};
    }

    /** Opens both existing files, taking the block size from the journal superblock. */
    static FileBlocks[] open(Path dir) throws IOException {
        int blockSize = blockSizeOf(journal(dir));
        return new FileBlocks[] {FileBlocks.open(journal(dir), blockSize), FileBlocks.open(device(dir), blockSize)};
    }

    private static int blockSizeOf(Path journal) throws IOException {
        byte[] head = new byte[JournalSuperblock.MIN_BLOCK_SIZE];
        try (FileChannel ch = FileChannel.open(journal, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.wrap(head);
            while (buf.hasRemaining()) {
                if (ch.read(buf, buf.position()) < 0) {
                    throw new JournalCorruptException(0, "short read: " + buf.position() + " of " + head.length
                            + " bytes of the superblock in " + journal);
                }
            }
        }
        return JournalSuperblock.parse(head).blockSize();
    }
}
