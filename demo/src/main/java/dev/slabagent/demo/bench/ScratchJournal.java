package dev.slabagent.demo.bench;

import dev.slabagent.jbd.Journal;
import dev.slabagent.jbd.JournalOptions;
import dev.slabagent.jbd.device.FileBlocks;
import dev.slabagent.jbd.fs.JournaledFs;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A freshly formatted jbd-target journal and device of 4 KiB blocks in a new folder, in RAM ({@code /dev/shm})
 * when there is one so that the commit's two barriers ({@code force}) do not time the disk, deleted on close.
 */
final class ScratchJournal implements Closeable {
    static final int BLOCK_SIZE = 4096;
    private static final Path RAM = Path.of("/dev/shm");

    private final Path dir;
    private final JournaledFs fs;

    private ScratchJournal(Path dir, JournaledFs fs) {
        this.dir = dir;
        this.fs = fs;
    }

    /**
     * @param journalBlocks the journal's size in blocks
     * @param deviceBlocks the device's size in blocks
     * @param options the journal's options (commit interval)
     * @return the opened store
     * @throws IOException if the files cannot be created
     */
    static ScratchJournal open(int journalBlocks, int deviceBlocks, JournalOptions options) throws IOException {
        Path dir = Files.isDirectory(RAM) && Files.isWritable(RAM)
                ? Files.createTempDirectory(RAM, "jbd-bench") : Files.createTempDirectory("jbd-bench");
        FileBlocks journal = FileBlocks.create(dir.resolve("journal"), BLOCK_SIZE, journalBlocks);
        Journal.format(journal, new byte[16]);
        FileBlocks device = FileBlocks.create(dir.resolve("device"), BLOCK_SIZE, deviceBlocks);
        return new ScratchJournal(dir, JournaledFs.open(journal, device, options));
    }

    /** @return the store's {@code write()} front end */
    JournaledFs fs() {
        return fs;
    }

    /** Closes the store (committing and checkpointing what is left) and deletes the folder. */
    @Override
    public void close() throws IOException {
        fs.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
