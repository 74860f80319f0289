package dev.slabagent.jbd.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slabagent.jbd.e2fs.E2fsprogs;
import dev.slabagent.jbd.ext3.Ext3Image;
import dev.slabagent.jbd.ext3.JournalInodeBlocks;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code recover --image} against {@code e2fsck -y -E journal_only}: journals left by debugfs's journal writer
 * in mke2fs-made ext3 images are replayed by both, and the two images must be equal apart from the superblock's
 * write time, last-check time, kbytes-written counter and checksum.
 */
class RecoverImageTest {
    /** Superblock fields e2fsck may set differently: (offset inside the superblock, length). */
    private static final int[][] IGNORED = {{0x30, 4}, {0x40, 4}, {0x178, 8}, {0x3FC, 4}};

    @TempDir
    Path dir;

    /**
     * A log written by debugfs 1.47.0's journal writer in one session. What it leaves (read with
     * {@code logdump}): tid 1 = a revoke block and its commit (journal blocks 1-2), tid 2 and tid 3 = one
     * descriptor, one data block and a commit each (3-5 and 6-8); the writes of blocks 300 and 301 do not
     * reach the log.
     */
    private Path crashedImage(int blockSize) throws Exception {
        Path image = dir.resolve("img");
        E2fsprogs.mkfs(image, blockSize, 16 * 1024);
        Path content = dir.resolve("content");
        byte[] random = new byte[blockSize];
        new Random(blockSize).nextBytes(random);
        Files.write(content, random);
        E2fsprogs.Result r = E2fsprogs.debugfsWrite(image,
                "jo", "jw -b 300,301 " + content, "jc",
                "jo", "jw -r 300", "jc",
                "jo", "jw -b 302 " + content, "jc",
                "jo", "jw -b 303 " + content);
        assertTrue(!r.all().contains("rror"), r::all);
        return image;
    }

    @ParameterizedTest
    @ValueSource(ints = {1024, 4096})
    void replaysAsE2fsckDoes(int blockSize) throws Exception {
        Path image = crashedImage(blockSize);
        String[] out = recoverBoth(image);
        assertEquals(0, Integer.parseInt(out[1]), out[0]);
        assertTrue(out[0].startsWith("replayed tid=1 "), out[0]);
        assertTrue(out[0].contains("revoke_records=1"), out[0]);
        assertTrue(out[0].contains("recovered transactions=3 blocks=2 "), out[0]);
    }

    @Test
    void brokenCommitSequenceEndsTheLogThereAsE2fsckDoes() throws Exception {
        Path image = crashedImage(4096);
        flipJournalByte(image, 5, 11);
        String[] out = recoverBoth(image);
        assertTrue(out[0].contains("recovered transactions=1 "), out[0]);
    }

    @Test
    void badJournalMagicIsRefusedAndTheImageUntouched() throws Exception {
        Path image = crashedImage(4096);
        flipJournalByte(image, 0, 0);
        assertRefused(image, "bad magic");
    }

    @Test
    void fastCommitJournalIsRefusedNamingTheFeature() throws Exception {
        Path image = crashedImage(4096);
        flipJournalByte(image, 0, 0x2B, 0x20);
        assertRefused(image, "fast_commit (0x20)");
    }

    private static void assertRefused(Path image, String problem) throws IOException {
        byte[] before = Files.readAllBytes(image);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "recover", "--image", image.toString());
        assertEquals(2, exit, err::toString);
        assertEquals("", out.toString());
        assertEquals(1, err.toString().lines().count(), err::toString);
        assertTrue(err.toString().contains(problem), err::toString);
        assertArrayEquals(before, Files.readAllBytes(image));
    }

    @Test
    void cleanImageIsLeftUnchanged() throws Exception {
        Path image = dir.resolve("clean");
        E2fsprogs.mkfs(image, 4096, 8 * 1024);
        byte[] before = Files.readAllBytes(image);
        StringWriter out = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                "recover", "--image", image.toString());
        assertEquals(0, exit);
        assertEquals(1, out.toString().lines().count(), out::toString);
        assertTrue(out.toString().contains("needs_recovery is not set"), out::toString);
        assertArrayEquals(before, Files.readAllBytes(image));
    }

    /** Replays a copy with e2fsck and a copy with us, asserts them equal by the rule above; returns our output and exit. */
    private String[] recoverBoth(Path image) throws Exception {
        Path theirs = dir.resolve("e2fsck.img");
        Path ours = dir.resolve("ours.img");
        Files.copy(image, theirs);
        Files.copy(image, ours);
        E2fsprogs.Result fsck = E2fsprogs.run("e2fsck", "-y", "-E", "journal_only", theirs.toString());
        assertEquals(0, fsck.exit(), fsck::all);
        StringWriter out = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(out, true), "recover", "--image", ours.toString());
        byte[] expected = masked(Files.readAllBytes(theirs));
        byte[] actual = masked(Files.readAllBytes(ours));
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            int at = i;
            assertEquals(expected[i], actual[i], () -> "images differ first at byte " + at + "; ours said: " + out);
        }
        return new String[] {out.toString(), Integer.toString(exit)};
    }

    private static byte[] masked(byte[] image) {
        for (int[] field : IGNORED) {
            java.util.Arrays.fill(image, 1024 + field[0], 1024 + field[0] + field[1], (byte) 0);
        }
        return image;
    }

    private static void flipJournalByte(Path path, int journalBlock, int offset) throws IOException {
        flipJournalByte(path, journalBlock, offset, 0x01);
    }

    /** XORs {@code bits} into byte {@code offset} of journal block {@code journalBlock}. */
    private static void flipJournalByte(Path path, int journalBlock, int offset, int bits) throws IOException {
        long fsBlock;
        int blockSize;
        try (Ext3Image image = Ext3Image.open(path, false)) {
            fsBlock = JournalInodeBlocks.of(image).fsBlock(journalBlock);
            blockSize = image.blockSize();
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            long at = fsBlock * blockSize + offset;
            ch.read(b, at);
            b.put(0, (byte) (b.get(0) ^ bits));
            ch.write(b.rewind(), at);
        }
    }
}
