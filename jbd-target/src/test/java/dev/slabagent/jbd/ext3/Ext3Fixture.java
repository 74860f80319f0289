package dev.slabagent.jbd.ext3;

import dev.slabagent.jbd.e2fs.E2fsprogs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * An ext3 image made by mke2fs holding one regular file {@value #PATH}, written by debugfs with random content
 * that ends in a partial block.
 *
 * @param image    the image file
 * @param geometry its block size and journal size
 * @param content  the file's content as written
 * @param blocks   the fs block of each of the file's logical blocks
 */
record Ext3Fixture(Path image, Geometry geometry, byte[] content, long[] blocks) {

    /** The file's path in the image (one directory down, so lookup walks a path). */
    static final String PATH = "/d/data";

    /**
     * Image geometries: 1 KiB blocks with mke2fs's own 1 MiB journal; 4 KiB blocks with an 8 MiB journal, so
     * one transaction (600 buffers at most) can need two descriptor blocks (506 tags each) and still fit twice.
     */
    enum Geometry {
        SMALL_BLOCKS(1024, 8 * 1024, 0, 0, 300),
        LARGE_BLOCKS(4096, 32 * 1024, 8, 600, 600);

        final int blockSize;
        final int imageKiB;
        final int journalMiB;
        final int maxTransactionBuffers;
        final int fileBlocks;

        Geometry(int blockSize, int imageKiB, int journalMiB, int maxTransactionBuffers, int fileBlocks) {
            this.blockSize = blockSize;
            this.imageKiB = imageKiB;
            this.journalMiB = journalMiB;
            this.maxTransactionBuffers = maxTransactionBuffers;
            this.fileBlocks = fileBlocks;
        }

        /** Tags one descriptor block holds (the kernel's rule: 122 at 1 KiB, 506 at 4 KiB). */
        int tagsPerDescriptor() {
            return (blockSize - 52) / 8 + 1;
        }
    }

    /** Makes the image in {@code dir} and writes the file into it with debugfs. */
    static Ext3Fixture create(Path dir, Geometry geometry) throws IOException, InterruptedException {
        Path image = dir.resolve("img-" + geometry.blockSize);
        E2fsprogs.mkfs(image, geometry.blockSize, geometry.imageKiB, geometry.journalMiB);
        byte[] content = new byte[geometry.fileBlocks * geometry.blockSize - 100];
        new Random(geometry.blockSize).nextBytes(content);
        Path host = dir.resolve("host-" + geometry.blockSize);
        Files.write(host, content);
        E2fsprogs.Result r = E2fsprogs.debugfsWrite(image, "mkdir d", "cd d", "write " + host + " data");
        if (!r.all().contains("Allocated inode")) {
            throw new AssertionError("debugfs write failed: " + r.all());
        }
        try (Ext3Image img = Ext3Image.open(image, false)) {
            return new Ext3Fixture(image, geometry, content, img.blockMap(img.regularFile(PATH)).requireNoHoles());
        }
    }

    /** The file's bytes as they sit in the image's home blocks right now (no journal involved). */
    byte[] homeContent() throws IOException {
        byte[] file = new byte[content.length];
        try (Ext3Image img = Ext3Image.open(image, false)) {
            for (int i = 0; i < blocks.length; i++) {
                byte[] block = homeBlock(img, blocks[i]);
                int at = i * geometry.blockSize;
                System.arraycopy(block, 0, file, at, Math.min(block.length, file.length - at));
            }
        }
        return file;
    }

    /** Fs block {@code block} of {@code img}. */
    static byte[] homeBlock(Ext3Image img, long block) throws IOException {
        byte[] content = new byte[img.blockSize()];
        img.readBlock(block, content);
        return content;
    }
}
