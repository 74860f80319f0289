package dev.slabagent.jbd.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slabagent.jbd.disk.Be32;
import dev.slabagent.jbd.disk.JbdFormat;
import dev.slabagent.jbd.disk.JournalSuperblock;
import dev.slabagent.jbd.e2fs.E2fsprogs;
import dev.slabagent.jbd.ext3.Ext3Image;
import dev.slabagent.jbd.ext3.Ext3Superblock;
import dev.slabagent.jbd.ext3.JournalInodeBlocks;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code recover --image} against {@code e2fsck -y -E journal_only}: journals left by debugfs's journal writer
 * in mke2fs-made ext3 and ext4 images are replayed by both, and the two images must be equal apart from the
 * superblock's write time, last-check time, kbytes-written counter and checksum (which must be valid where the
 * file system has metadata_csum). Corrupt variants must end as e2fsck leaves them too.
 */
class RecoverImageTest {
    /** Superblock fields e2fsck may set differently: (offset inside the superblock, length). */
    private static final int[][] IGNORED = {{0x30, 4}, {0x40, 4}, {0x178, 8}, {0x3FC, 4}};
    /** Bytes of a version 1 journal superblock: header, blocksize, maxlen, first, sequence, start, errno. */
    private static final int V1_SUPERBLOCK_SIZE = 0x24;

    /** File system and journal layouts, with the journal features dumpe2fs must then report. */
    enum Layout {
        EXT3("ext3", "", "jo", "journal_incompat_revoke"),
        EXT3_CRC32("ext3", "", "jo -c", "journal_checksum"),
        EXT4("ext4", "^metadata_csum,^64bit", "jo", "journal_incompat_revoke"),
        EXT4_64BIT("ext4", "^metadata_csum", "jo", "journal_64bit"),
        EXT4_CSUM_V3("ext4", "metadata_csum,64bit", "jo -c", "journal_64bit journal_checksum_v3");

        final String type;
        final String features;
        final String open;
        final String journalFeatures;

        Layout(String type, String features, String open, String journalFeatures) {
            this.type = type;
            this.features = features;
            this.open = open;
            this.journalFeatures = journalFeatures;
        }
    }

    @TempDir
    Path dir;

    /**
     * A log written by debugfs 1.47.0's journal writer in one session. What it leaves (read with
     * {@code logdump}): tid 1 = a revoke block and its commit (journal blocks 1-2), tid 2 and tid 3 = one
     * descriptor, one data block and a commit each (3-5 and 6-8); the writes of blocks 300 and 301 do not
     * reach the log.
     *
     * <p>Under checksum v1 there is no revoke transaction: debugfs runs revoke blocks through the commit's CRC32,
     * which the kernel's recovery leaves out, so every such commit fails. Instead tid 1 and tid 2 hold one
     * data block each (journal blocks 1-3 and 4-6) and the last write never commits.
     */
    private Path crashedImage(Layout layout, int blockSize) throws Exception {
        Path image = dir.resolve("img");
        E2fsprogs.mkfs(image, layout.type, blockSize, 16 * 1024,
                layout.features.isEmpty() ? new String[0] : new String[] {"-O", layout.features});
        Path content = dir.resolve("content");
        byte[] random = new byte[blockSize];
        new Random(blockSize).nextBytes(random);
        Files.write(content, random);
        E2fsprogs.Result r = layout == Layout.EXT3_CRC32
                ? E2fsprogs.debugfsWrite(image,
                        layout.open, "jw -b 300,301 " + content, "jc",
                        layout.open, "jw -b 302 " + content, "jc",
                        layout.open, "jw -b 303 " + content)
                : E2fsprogs.debugfsWrite(image,
                        layout.open, "jw -b 300,301 " + content, "jc",
                        layout.open, "jw -r 300", "jc",
                        layout.open, "jw -b 302 " + content, "jc",
                        layout.open, "jw -b 303 " + content);
        assertTrue(!r.all().contains("rror"), r::all);
        String features = E2fsprogs.dumpe2fsField(image, "Journal features");
        for (String feature : layout.journalFeatures.split(" ")) {
            assertTrue(features.contains(feature), () -> layout + ": journal features are " + features);
        }
        return image;
    }

    static Stream<Arguments> layouts() {
        return Arrays.stream(Layout.values()).flatMap(l -> Stream.of(Arguments.of(l, 1024), Arguments.of(l, 4096)));
    }

    @ParameterizedTest
    @MethodSource("layouts")
    void replaysAsE2fsckDoes(Layout layout, int blockSize) throws Exception {
        Path image = crashedImage(layout, blockSize);
        Recovered ours = recoverBoth(image);
        assertEquals(0, ours.exit, ours.out);
        assertTrue(ours.out.startsWith("replayed tid=1 "), ours.out);
        if (layout == Layout.EXT3_CRC32) {
            assertTrue(ours.out.contains("recovered transactions=2 blocks=2 "), ours.out);
        } else {
            assertTrue(ours.out.contains("revoke_records=1"), ours.out);
            assertTrue(ours.out.contains("recovered transactions=3 blocks=2 "), ours.out);
        }
        try (Ext3Image replayed = Ext3Image.open(ours.image, false)) {
            assertTrue(!replayed.superblock().needsRecovery());
        }
    }

    @Test
    void aLogThatWrapsAroundTheEndOfTheJournalReplaysAsE2fsckDoes() throws Exception {
        Path image = crashedImage(Layout.EXT4_CSUM_V3, 1024);
        // Moves the 8-block log to the last 4 blocks of the journal and the first 4 after s_first; block
        // positions are in no checksum, only s_start (and the superblock's own checksum) change.
        int newStart;
        try (Ext3Image img = Ext3Image.open(image, true)) {
            JournalInodeBlocks journal = JournalInodeBlocks.of(img);
            byte[] block = new byte[1024];
            journal.readJournalBlock(0, block);
            JournalSuperblock sb = JournalSuperblock.parse(block.clone());
            newStart = sb.maxLen() - 4;
            byte[][] log = new byte[8][1024];
            for (int i = 0; i < 8; i++) {
                journal.readJournalBlock(1 + i, log[i]);
            }
            byte[] zero = new byte[1024];
            for (int i = 0; i < 8; i++) {
                journal.writeJournalBlock(1 + i, zero);
            }
            for (int i = 0; i < 8; i++) {
                int at = newStart + i;
                journal.writeJournalBlock(at >= sb.maxLen() ? at - sb.maxLen() + sb.first() : at, log[i]);
            }
            sb.setTail(newStart, sb.sequence());
            journal.writeJournalBlock(0, sb.image());
        }
        Recovered ours = recoverBoth(image);
        assertEquals(0, ours.exit, ours.out);
        assertTrue(ours.out.contains("recovered transactions=3 blocks=2 "), ours.out);
        assertTrue(ours.out.contains("replayed tid=2 log_block=" + (newStart + 2) + " log_blocks=3 blocks=1"), ours.out);
        assertTrue(ours.out.contains("replayed tid=3 log_block=2 log_blocks=3 blocks=1"), ours.out);
    }

    /**
     * A journal added to a file system whose free space is cut into 8-block holes: its extent tree has an index
     * level. A 120-block transaction needs two descriptors, the first full and without LAST_TAG (as debugfs and
     * the kernel's count_tags leave it), and its log crosses several extents.
     */
    @Test
    void aJournalMappedByAnIndexedExtentTreeReplaysAsE2fsckDoes() throws Exception {
        Path image = dir.resolve("img");
        E2fsprogs.mkfs(image, "ext4", 1024, 16 * 1024, "-O", "^has_journal,^metadata_csum", "-N", "2048");
        Path eight = dir.resolve("8k");
        byte[] file = new byte[8192];
        new Random(8).nextBytes(file);
        Files.write(eight, file); // not zeros: debugfs writes a zero file as a hole
        String[] writes = new String[1500];
        String[] removes = new String[750];
        for (int i = 0; i < writes.length; i++) {
            writes[i] = "write " + eight + " f" + i;
        }
        for (int i = 0; i < removes.length; i++) {
            removes[i] = "rm f" + (2 * i);
        }
        E2fsprogs.debugfsWrite(image, writes);
        E2fsprogs.debugfsWrite(image, removes);
        E2fsprogs.Result tune = E2fsprogs.run("tune2fs", "-O", "has_journal", "-J", "size=1", image.toString());
        assertEquals(0, tune.exit(), tune::all);
        assertTrue(E2fsprogs.debugfs(image, "ex <8>").contains(" 1/ 1 "), "the journal's extent tree has depth 1");
        Path content = dir.resolve("content");
        byte[] random = new byte[120 * 1024];
        new Random(3).nextBytes(random);
        Files.write(content, random);
        StringBuilder blocks = new StringBuilder("2000");
        for (int b = 2001; b < 2120; b++) {
            blocks.append(',').append(b);
        }
        E2fsprogs.debugfsWrite(image, "jo", "jw -r 300", "jc", "jo", "jw -b " + blocks + " " + content, "jc",
                "jo", "jw -b 303 " + content);
        Recovered ours = recoverBoth(image);
        assertEquals(0, ours.exit, ours.out);
        assertTrue(ours.out.contains("replayed tid=2 log_block=3 log_blocks=123 blocks=120 "), ours.out);
    }

    @ParameterizedTest
    @ValueSource(ints = {1024, 4096})
    void anExternalJournalDeviceReplaysAsE2fsckDoes(int blockSize) throws Exception {
        Path device = dir.resolve("journal.dev");
        E2fsprogs.mkfs(device, "ext4", blockSize, 8 * 1024, "-O", "journal_dev");
        Path image = dir.resolve("img");
        E2fsprogs.mkfs(image, "ext4", blockSize, 16 * 1024, "-O", "^has_journal");
        String uuid = E2fsprogs.dumpe2fsField(device, "Filesystem UUID");
        E2fsprogs.debugfsWrite(image, "ssv journal_uuid " + uuid, "feature has_journal", "ssv journal_dev 0x0801");
        Path content = dir.resolve("content");
        Files.write(content, new byte[blockSize]);
        String open = "jo -f " + device;
        E2fsprogs.debugfsWrite(image, open, "jw -b 300,301 " + content, "jc", open, "jw -r 300", "jc",
                open, "jw -b 302 " + content, "jc", open, "jw -b 303 " + content);

        Path theirs = dir.resolve("e2fsck.img");
        Path theirDevice = dir.resolve("e2fsck.dev");
        Files.copy(image, theirs);
        Files.copy(device, theirDevice);
        E2fsprogs.Result fsck = E2fsprogs.run("e2fsck", "-y", "-E", "journal_only", "-j", theirDevice.toString(),
                theirs.toString());
        assertEquals(0, fsck.exit(), fsck::all);
        assertTrue(fsck.all().contains("recovering journal"), fsck::all);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "recover", "--image",
                image.toString(), "--journal", device.toString());
        assertEquals(0, exit, err::toString);
        assertTrue(out.toString().contains("recovered transactions=2 blocks=1 "), out::toString);
        assertArrayEquals(masked(Files.readAllBytes(theirs)), masked(Files.readAllBytes(image)));
        assertArrayEquals(Files.readAllBytes(theirDevice), Files.readAllBytes(device));
    }

    @Test
    void anExternalJournalIsRefusedWithoutItsDeviceOrWithAnotherOne() throws Exception {
        Path device = dir.resolve("journal.dev");
        E2fsprogs.mkfs(device, "ext4", 4096, 8 * 1024, "-O", "journal_dev");
        Path image = dir.resolve("img");
        E2fsprogs.mkfs(image, "ext4", 4096, 16 * 1024, "-O", "^has_journal");
        E2fsprogs.debugfsWrite(image, "ssv journal_uuid 11111111-2222-3333-4444-555555555555", "feature has_journal",
                "feature needs_recovery");
        assertRefused(image, "has an external journal (UUID 11111111-2222-3333-4444-555555555555): name its device"
                + " with --journal DEV");
        assertRefused(image, "journal device " + device + " has UUID ", "--journal", device.toString());
        Path internal = crashedImage(Layout.EXT3, 4096);
        assertRefused(internal, "has an internal journal (inode 8), not the external one given with --journal",
                "--journal", device.toString());
    }

    @ParameterizedTest
    @ValueSource(ints = {1024, 4096})
    void anUnusableJournalInodeIsRestoredFromTheSuperblockBackupAsE2fsckDoes(int blockSize) throws Exception {
        Path image = crashedImage(Layout.EXT3, blockSize);
        E2fsprogs.debugfsWrite(image, "clri <8>");
        Recovered ours = recoverBoth(image);
        assertEquals(0, ours.exit, ours.out);
        assertTrue(ours.out.startsWith("journal inode 8 was unusable: restored from the superblock's backup\n"),
                ours.out);
        assertTrue(ours.out.contains("recovered transactions=3 blocks=2 "), ours.out);
    }

    @Test
    void anExtentMappedJournalBackupIsRefusedAsE2fsckCannotUseItEither() throws Exception {
        Path image = crashedImage(Layout.EXT4, 4096);
        E2fsprogs.debugfsWrite(image, "clri <8>");
        assertRefused(image, "journal inode 8 is not a regular file in use (mode 00, 0 links, flags 0x0); and its"
                + " backup in s_jnl_blocks, read as a block map as e2fsck reads it: i_block[0] of inode 8 points to"
                + " block ");
    }

    /**
     * A version 1 journal superblock (blocktype 3, nothing after s_errno, as old kernels wrote it): no feature
     * fields, the log is replayed all the same, revoke blocks included.
     */
    @Test
    void aVersion1JournalSuperblockReplaysAsE2fsckDoes() throws Exception {
        Path image = crashedImage(Layout.EXT3, 1024);
        try (Ext3Image img = Ext3Image.open(image, true)) {
            JournalInodeBlocks journal = JournalInodeBlocks.of(img);
            byte[] sb = new byte[1024];
            journal.readJournalBlock(0, sb);
            Be32.put(sb, 4, JbdFormat.SUPERBLOCK_V1);
            Arrays.fill(sb, V1_SUPERBLOCK_SIZE, sb.length, (byte) 0);
            journal.writeJournalBlock(0, sb);
        }
        Recovered ours = recoverBoth(image);
        assertEquals(0, ours.exit, ours.out);
        assertTrue(ours.out.contains("recovered transactions=3 blocks=2 "), ours.out);
    }

    @Test
    void brokenCommitSequenceEndsTheLogThereAsE2fsckDoes() throws Exception {
        Path image = crashedImage(Layout.EXT3, 4096);
        flipJournalByte(image, 5, 11);
        Recovered ours = recoverBoth(image);
        assertTrue(ours.out.contains("recovered transactions=1 "), ours.out);
    }

    @ParameterizedTest
    @MethodSource("checksummed")
    void commitChecksumEndsTheLogAndMarksTheFileSystemWithErrors(Layout layout, int commitBlock) throws Exception {
        Path image = crashedImage(layout, 4096);
        flipJournalByte(image, commitBlock, 16);
        Recovered ours = recoverBoth(image);
        assertEquals(0, ours.exit, ours.out);
        assertTrue(ours.out.contains("recovered transactions=1 "), ours.out);
        assertTrue(ours.out.contains("commit checksum of transaction 2 does not match"), ours.out);
        assertEquals(Ext3Superblock.STATE_VALID | Ext3Superblock.STATE_ERRORS, state(ours.image));
    }

    static Stream<Arguments> checksummed() {
        return Stream.of(Arguments.of(Layout.EXT4_CSUM_V3, 5), Arguments.of(Layout.EXT3_CRC32, 6));
    }

    @Test
    void aDataBlockWithABadChecksumIsSkippedAndReported() throws Exception {
        Path image = crashedImage(Layout.EXT4_CSUM_V3, 4096);
        flipJournalByte(image, 4, 100);
        Recovered ours = recoverBoth(image);
        assertEquals(RecoverCommand.FAILED, ours.exit, ours.out);
        assertTrue(ours.out.contains("skipped tid=2 log_block=4 block=302: checksum does not match its tag"), ours.out);
        assertTrue(ours.out.contains("recovered transactions=3 blocks=1 "), ours.out);
        assertEquals(1, ours.err.lines().count(), ours.err);
        assertTrue(ours.err.contains("recovery failed: 1 logged block(s) do not match"), ours.err);
        assertEquals(0, state(ours.image), "left for a full check");
    }

    @ParameterizedTest
    @MethodSource("badMetadata")
    void aBadChecksumInsideTheLiveLogFailsTheRecoveryAsE2fsckDoes(int journalBlock, int offset) throws Exception {
        Path image = crashedImage(Layout.EXT4_CSUM_V3, 4096);
        flipJournalByte(image, journalBlock, offset);
        Recovered ours = recoverBoth(image);
        assertEquals(RecoverCommand.FAILED, ours.exit, ours.out);
        assertTrue(ours.out.contains("recovered transactions=0 blocks=0 "), ours.out);
        assertTrue(ours.err.contains("whose checksum does not match"), ours.err);
    }

    /** A descriptor's tag area, a descriptor's checksum tail, a revoke record. */
    static Stream<Arguments> badMetadata() {
        return Stream.of(Arguments.of(3, 40), Arguments.of(3, 4095), Arguments.of(1, 19));
    }

    @Test
    void aRevokeBlockClaimingMoreThanFitsFailsTheRecoveryAsE2fsckDoes() throws Exception {
        Path image = crashedImage(Layout.EXT3, 1024);
        flipJournalByte(image, 1, 12, 0x10);
        Recovered ours = recoverBoth(image);
        assertEquals(RecoverCommand.FAILED, ours.exit, ours.out);
        assertTrue(ours.err.contains("revoke block claims r_count 268435476, more than the 1024 bytes that fit"),
                ours.err);
    }

    /**
     * With async_commit a commit whose CRC32 fails still ends the log, but the scan goes on; the next commit then
     * marks the transaction failed, as the kernel's j_failed_commit.
     */
    @ParameterizedTest
    @MethodSource("asyncCases")
    void asyncCommitEndsTheLogAtABadCommitChecksum(int dataBlock, int transactions, int state) throws Exception {
        Path image = crashedImage(Layout.EXT3_CRC32, 4096);
        flipJournalByte(image, 0, 0x2B, JbdFormat.FEATURE_INCOMPAT_ASYNC_COMMIT);
        flipJournalByte(image, dataBlock, 100);
        Recovered ours = recoverBoth(image);
        assertEquals(0, ours.exit, ours.out);
        assertTrue(ours.out.contains("recovered transactions=" + transactions + " "), ours.out);
        assertEquals(state, state(ours.image));
    }

    /** A data block of tid 1 (a later commit follows), of tid 2 (the last commit). */
    static Stream<Arguments> asyncCases() {
        return Stream.of(Arguments.of(2, 0, Ext3Superblock.STATE_VALID | Ext3Superblock.STATE_ERRORS),
                Arguments.of(5, 1, Ext3Superblock.STATE_VALID));
    }

    @Test
    void badJournalMagicIsRefusedAndTheImageUntouched() throws Exception {
        Path image = crashedImage(Layout.EXT3, 4096);
        flipJournalByte(image, 0, 0);
        assertRefused(image, "bad magic");
    }

    @Test
    void badJournalSuperblockChecksumIsRefusedAndTheImageUntouched() throws Exception {
        Path image = crashedImage(Layout.EXT4_CSUM_V3, 4096);
        flipJournalByte(image, 0, 0xFC);
        assertRefused(image, "journal block 0: bad superblock checksum");
    }

    @Test
    void fastCommitJournalIsRefusedNamingTheFeature() throws Exception {
        Path image = crashedImage(Layout.EXT3, 4096);
        flipJournalByte(image, 0, 0x2B, 0x20);
        assertRefused(image, "fast_commit (0x20)");
    }

    private static void assertRefused(Path image, String problem, String... more) throws IOException {
        byte[] before = Files.readAllBytes(image);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = new String[3 + more.length];
        args[0] = "recover";
        args[1] = "--image";
        args[2] = image.toString();
        System.arraycopy(more, 0, args, 3, more.length);
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
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

    /** What {@code recover --image} printed and left. */
    private record Recovered(String out, String err, int exit, Path image) {
    }

    /** Replays a copy with e2fsck and a copy with us and asserts them equal by the rule above. */
    private Recovered recoverBoth(Path image) throws Exception {
        Path theirs = dir.resolve("e2fsck.img");
        Path ours = dir.resolve("ours.img");
        Files.copy(image, theirs);
        Files.copy(image, ours);
        E2fsprogs.Result fsck = E2fsprogs.run("e2fsck", "-y", "-E", "journal_only", theirs.toString());
        assertEquals(0, fsck.exit(), fsck::all);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "recover", "--image", ours.toString());
        byte[] expected = masked(Files.readAllBytes(theirs));
        byte[] actual = masked(Files.readAllBytes(ours));
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            int at = i;
            assertEquals(expected[i], actual[i], () -> "images differ first at byte " + at + "; ours said: " + out + err
                    + "; e2fsck said: " + fsck.all());
        }
        try (Ext3Image replayed = Ext3Image.open(ours, false)) {
            // Opening checks the superblock checksum where metadata_csum is on.
            assertEquals(Ext3Superblock.parse(ByteBuffer.wrap(Files.readAllBytes(ours), Ext3Superblock.OFFSET,
                    Ext3Superblock.SIZE).slice()), replayed.superblock());
        }
        return new Recovered(out.toString(), err.toString(), exit, ours);
    }

    private static int state(Path image) throws IOException {
        byte[] all = Files.readAllBytes(image);
        return Byte.toUnsignedInt(all[Ext3Superblock.OFFSET + Ext3Superblock.STATE_OFFSET])
                | Byte.toUnsignedInt(all[Ext3Superblock.OFFSET + Ext3Superblock.STATE_OFFSET + 1]) << 8;
    }

    private static byte[] masked(byte[] image) {
        for (int[] field : IGNORED) {
            Arrays.fill(image, 1024 + field[0], 1024 + field[0] + field[1], (byte) 0);
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
