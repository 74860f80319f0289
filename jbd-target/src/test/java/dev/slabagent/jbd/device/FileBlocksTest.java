package dev.slabagent.jbd.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slabagent.jbd.Journal;
import dev.slabagent.jbd.JournalOptions;
import dev.slabagent.jbd.Recovery;
import dev.slabagent.jbd.RecoveryResult;
import dev.slabagent.jbd.fs.JournaledFs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBlocksTest {
    @Test
    void blockNIsAtNTimesTheBlockSizeAndReadsPastTheEndAreShort(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("f");
        try (FileBlocks f = FileBlocks.create(file, 1024, 4)) {
            byte[] block = new byte[1024];
            Arrays.fill(block, (byte) 7);
            f.writeBlock(2, block);
            assertEquals(4096, Files.size(file));
            assertEquals(7, Files.readAllBytes(file)[2048]);
            assertEquals(0, Files.readAllBytes(file)[3072]);
            assertThrows(IllegalArgumentException.class, () -> f.readBlock(4, block));
        }
        Files.write(file, Arrays.copyOf(Files.readAllBytes(file), 3500));
        try (FileBlocks f = FileBlocks.region(file, 0, 1024, 4)) {
            ShortReadException e = assertThrows(ShortReadException.class, () -> f.readBlock(3, new byte[1024]));
            assertTrue(e.getMessage().endsWith("block 3: short read, 428 of 1024 bytes"), e.getMessage());
        }
    }

    @Test
    void aJournalCanBeARegionOfTheDeviceFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("disk");
        FileBlocks.create(file, 1024, 64 + 128).close();
        FileBlocks journal = FileBlocks.region(file, 64 * 1024L, 1024, 128);
        FileBlocks home = FileBlocks.region(file, 0, 1024, 64);
        Journal.format(journal, new byte[16]);
        JournaledFs fs = JournaledFs.open(journal, home, JournalOptions.defaults().withCommitInterval(0));
        byte[] data = "written through a journal in the same file".getBytes();
        fs.write(5 * 1024L + 10, data);
        fs.sync();
        fs.closeWithoutCheckpoint();
        assertEquals(0, Files.readAllBytes(file)[5 * 1024 + 10], "not checkpointed home");

        try (FileBlocks j = FileBlocks.region(file, 64 * 1024L, 1024, 128);
             FileBlocks h = FileBlocks.region(file, 0, 1024, 64)) {
            RecoveryResult r = Recovery.recover(j, h);
            assertEquals(1, r.blocksReplayed());
        }
        assertArrayEquals(data, Arrays.copyOfRange(Files.readAllBytes(file), 5 * 1024 + 10, 5 * 1024 + 10 + data.length));
    }
}
