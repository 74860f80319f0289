package dev.slabagent.jbd.ext3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


import dev.slabagent.jbd.disk.JbdFormat;
import dev.slabagent.jbd.e2fs.E2fsprogs;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reads images made by mke2fs and debugfs and checks every figure against what e2fsprogs says. */
class Ext3ImageTest {

    private static final int IMAGE_KIB = 16 * 1024;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {1024, 4096})
    void superblockMatchesDumpe2fs(int blockSize) throws Exception {
        Path image = image(blockSize);
        try (Ext3Image img = Ext3Image.open(image, false)) {
            Ext3Superblock sb = img.superblock();
            assertEquals(blockSize, sb.blockSize());
            assertEquals(Long.parseLong(E2fsprogs.dumpe2fsField(image, "Block count")), sb.blocksCount());
            assertEquals(Long.parseLong(E2fsprogs.dumpe2fsField(image, "Inode count")), sb.inodesCount());
            assertEquals(Long.parseLong(E2fsprogs.dumpe2fsField(image, "First block")), sb.firstDataBlock());
            assertEquals(Long.parseLong(E2fsprogs.dumpe2fsField(image, "Inodes per group")), sb.inodesPerGroup());
            assertEquals(Long.parseLong(E2fsprogs.dumpe2fsField(image, "Blocks per group")), sb.blocksPerGroup());
            assertEquals(Integer.parseInt(E2fsprogs.dumpe2fsField(image, "Inode size")), sb.inodeSize());
            assertEquals(Long.parseLong(E2fsprogs.dumpe2fsField(image, "Journal inode")), sb.journalInode());
            assertEquals(UUID.fromString(E2fsprogs.dumpe2fsField(image, "Filesystem UUID")), sb.uuid());
            assertTrue(sb.hasJournal());
            assertTrue(sb.hasFileType());
            assertFalse(sb.needsRecovery());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1024, 4096})
    void journalInodeMapMatchesDebugfs(int blockSize) throws Exception {
        Path image = image(blockSize);
        try (Ext3Image img = Ext3Image.open(image, false)) {
            Inode journal = img.journalInode();
            InodeBlockMap map = img.blockMap(journal);
            assertEquals(E2fsprogs.blocks(image, "<8>"), map.allBlocks());
            long[] data = map.requireNoHoles();
            assertEquals(journal.size() / blockSize, data.length);
            // The IND block sits between logical blocks 11 and 12: the map is not contiguous.
            assertEquals(data[11] + 2, data[12]);
            for (long logical : new long[] {0, 11, 12, data.length / 2, data.length - 1}) {
                assertEquals(E2fsprogs.bmap(image, "<8>", logical), map.physical(logical), "logical " + logical);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1024, 4096})
    void journalBlockZeroIsTheJbdSuperblockMke2fsWrote(int blockSize) throws Exception {
        Path image = image(blockSize);
        try (Ext3Image img = Ext3Image.open(image, false)) {
            JournalInodeBlocks journal = JournalInodeBlocks.of(img);
            assertEquals(E2fsprogs.bmap(image, "<8>", 0), journal.fsBlock(0));
            byte[] block = new byte[blockSize];
            journal.readJournalBlock(0, block);
            ByteBuffer sb = ByteBuffer.wrap(block);
            assertEquals(JbdFormat.MAGIC, sb.getInt(0));
            assertEquals(4, sb.getInt(4), "blocktype: superblock v2");
            assertEquals(blockSize, sb.getInt(0x0C));
            assertEquals(journal.journalBlocks(), sb.getInt(0x10), "s_maxlen is the journal inode's size in blocks");
            assertEquals(1, sb.getInt(0x14), "s_first");
            assertThrows(IndexOutOfBoundsException.class, () -> journal.fsBlock(journal.journalBlocks()));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1024, 4096})
    void sparseFileThroughTripleIndirectMatchesDebugfs(int blockSize) throws Exception {
        Path image = image(blockSize);
        long per = blockSize / 4;
        long dind = 12 + per;
        long tind = dind + per * per;
        long[] written = {0, 11, 12, dind - 1, dind, tind - 1, tind, tind + 1, tind + per + 3};
        Path host = dir.resolve("sparse");
        try (RandomAccessFile f = new RandomAccessFile(host.toFile(), "rw")) {
            Random random = new Random(blockSize);
            for (long logical : written) {
                byte[] block = new byte[blockSize];
                random.nextBytes(block);
                f.seek(logical * blockSize);
                f.write(block);
            }
        }
        E2fsprogs.writeFile(image, host, "sparse");
        try (Ext3Image img = Ext3Image.open(image, false)) {
            Inode inode = img.regularFile("/sparse");
            assertEquals(Files.size(host), inode.size());
            InodeBlockMap map = img.blockMap(inode);
            assertEquals(E2fsprogs.blocks(image, "/sparse"), map.allBlocks());
            for (long logical : new long[] {0, 5, 11, 12, dind - 1, dind, dind + 1, tind - 1, tind, tind + 1, tind + per + 3}) {
                assertEquals(E2fsprogs.bmap(image, "/sparse", logical), map.physical(logical), "logical " + logical);
            }
            assertEquals(0, map.physical(5), "logical block 5 is a hole");
            Ext3FormatException hole = assertThrows(Ext3FormatException.class, map::requireNoHoles);
            assertEquals("ext3: inode " + inode.number() + " has a hole at logical block 1", hole.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1024, 4096})
    void nestedPathAndLargeDirectoryLookUpTheInodesDebugfsReports(int blockSize) throws Exception {
        Path image = image(blockSize);
        Path host = dir.resolve("content");
        byte[] content = new byte[blockSize * 2 + 123];
        new Random(7).nextBytes(content);
        Files.write(host, content);
        List<String> requests = new ArrayList<>(List.of("mkdir a", "mkdir a/b", "cd /a/b"));
        for (int i = 0; i < 150; i++) {
            requests.add("write " + host + " file-with-a-long-name-" + i);
        }
        E2fsprogs.debugfsWrite(image, requests.toArray(String[]::new));
        try (Ext3Image img = Ext3Image.open(image, false)) {
            for (String path : new String[] {"/a/b/file-with-a-long-name-0", "/a/b/file-with-a-long-name-149"}) {
                Inode inode = img.regularFile(path);
                String stat = E2fsprogs.debugfs(image, "stat " + path);
                assertTrue(stat.startsWith("Inode: " + inode.number() + " "), stat);
                assertEquals(content.length, inode.size());
                long[] blocks = img.blockMap(inode).requireNoHoles();
                assertEquals(3, blocks.length);
                ByteBuffer last = img.readBlock(blocks[2]);
                assertEquals(ByteBuffer.wrap(content, 2 * blockSize, 123), last.limit(123));
            }
            assertTrue(img.lookup("/a/b").isDirectory());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1024, 4096})
    void needsRecoveryFlagIsSetAndClearedAsE2fsprogsSeesIt(int blockSize) throws Exception {
        Path image = image(blockSize);
        byte[] before = Files.readAllBytes(image);
        try (Ext3Image img = Ext3Image.open(image, true)) {
            img.setNeedsRecovery(true);
            assertTrue(img.superblock().needsRecovery());
        }
        assertTrue(E2fsprogs.debugfs(image, "features").contains("needs_recovery"));
        try (Ext3Image img = Ext3Image.open(image, true)) {
            assertTrue(img.superblock().needsRecovery());
            img.setNeedsRecovery(false);
            assertFalse(img.superblock().needsRecovery());
        }
        assertFalse(E2fsprogs.debugfs(image, "features").contains("needs_recovery"));
        assertArrayEquals(before, Files.readAllBytes(image), "set then clear leaves every byte as it was");
        E2fsprogs.Result fsck = E2fsprogs.run("e2fsck", "-fn", image.toString());
        assertEquals(0, fsck.exit(), fsck.all());
    }

    @Test
    void missingPathsAndWrongTypesAreNamed() throws Exception {
        Path image = image(1024);
        E2fsprogs.debugfsWrite(image, "mkdir d");
        try (Ext3Image img = Ext3Image.open(image, false)) {
            assertEquals("ext3: " + image + ": no such file: /d/nope",
                    assertThrows(Ext3FormatException.class, () -> img.lookup("/d/nope")).getMessage());
            assertEquals("ext3: " + image + ": /d is not a regular file (inode 12, mode 040755)",
                    assertThrows(Ext3FormatException.class, () -> img.regularFile("/d")).getMessage());
            assertEquals("ext3: path d is not absolute",
                    assertThrows(Ext3FormatException.class, () -> img.lookup("d")).getMessage());
        }
    }

    @Test
    void notAnExt2ImageIsRejectedWithTheMagic() throws Exception {
        Path junk = dir.resolve("junk");
        Files.write(junk, new byte[8192]);
        assertEquals("ext3: superblock at byte 1024: bad superblock magic 0x0000 (expected 0xef53): not an ext2/3/4 image",
                assertThrows(Ext3FormatException.class, () -> Ext3Image.open(junk, false)).getMessage());
        Path tiny = dir.resolve("tiny");
        Files.write(tiny, new byte[1500]);
        assertEquals("ext3: short read of superblock at byte 1024: 476 of 1024 bytes at byte 1024",
                assertThrows(Ext3FormatException.class, () -> Ext3Image.open(tiny, false)).getMessage());
    }

    @Test
    void truncatedImageIsRejected() throws Exception {
        Path image = image(1024);
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(1024 * 1024);
        }
        Ext3FormatException e = assertThrows(Ext3FormatException.class, () -> Ext3Image.open(image, false));
        assertTrue(e.getMessage().contains("has 1048576 bytes, but the superblock says 16384 blocks of 1024"), e.getMessage());
    }

    @Test
    void pointerOutsideTheFileSystemNamesTheIndirectBlock() throws Exception {
        Path image = image(1024);
        Path host = dir.resolve("f");
        Files.write(host, new byte[40 * 1024]);
        Files.write(host, new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);
        E2fsprogs.writeFile(image, host, "f");
        long ind;
        try (Ext3Image img = Ext3Image.open(image, false)) {
            ind = img.regularFile("/f").blockPointers()[Inode.IND_BLOCK];
        }
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.seek(ind * 1024);
            f.write(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f}); // entry 0: block 0x7fffffff
        }
        try (Ext3Image img = Ext3Image.open(image, false)) {
            Inode inode = img.regularFile("/f");
            assertEquals("ext3 block " + ind + ": entry 0 of the depth-1 indirect block of inode " + inode.number()
                            + " points to block 2147483647, outside the file system (blocks 1..16383)",
                    assertThrows(Ext3FormatException.class, () -> img.blockMap(inode)).getMessage());
        }
    }

    @Test
    void corruptDirectoryEntryNamesTheBlock() throws Exception {
        Path image = image(1024);
        long rootBlock;
        try (Ext3Image img = Ext3Image.open(image, false)) {
            rootBlock = img.blockMap(img.readInode(Ext3Image.ROOT_INODE)).physical(0);
        }
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.seek(rootBlock * 1024 + 4);
            f.write(new byte[] {3, 0}); // rec_len 3 for "."
        }
        try (Ext3Image img = Ext3Image.open(image, false)) {
            assertEquals("ext3 block " + rootBlock + ": directory entry at offset 0: bad rec_len 3",
                    assertThrows(Ext3FormatException.class, () -> img.lookup("/x")).getMessage());
        }
    }

    private Path image(int blockSize) throws IOException, InterruptedException {
        Path image = dir.resolve("img" + blockSize);
        E2fsprogs.mkfs(image, blockSize, IMAGE_KIB);
        return image;
    }
}
