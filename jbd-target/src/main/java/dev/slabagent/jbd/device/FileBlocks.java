package dev.slabagent.jbd.device;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file of fixed-size blocks accessed with positional {@link FileChannel} I/O: block n at
 * {@code base + n * blockSize}. It serves both as a bare journal file and as a device file of home blocks.
 */
public final class FileBlocks implements BlockDevice, JournalDevice {
    private final FileChannel channel;
    private final String name;
    private final long base;
    private final int blockSize;
    private final long blockCount;

    private FileBlocks(FileChannel channel, String name, long base, int blockSize, long blockCount) {
        this.channel = channel;
        this.name = name;
        this.base = base;
        this.blockSize = blockSize;
        this.blockCount = blockCount;
    }

    /**
     * Creates (or truncates) {@code path} as {@code blockCount} zero blocks.
     */
    public static FileBlocks create(Path path, int blockSize, long blockCount) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        writeLastByte(ch, blockSize * blockCount);
        return new FileBlocks(ch, path.toString(), 0, blockSize, blockCount);
    }

    /**
     * Opens an existing file; its block count is its size divided by {@code blockSize}.
     */
    public static FileBlocks open(Path path, int blockSize) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return new FileBlocks(ch, path.toString(), 0, blockSize, ch.size() / blockSize);
    }

    /**
     * Opens {@code blockCount} blocks of an existing file starting at byte {@code base}: a journal that is a
     * region of a device file.
     */
    public static FileBlocks region(Path path, long base, int blockSize, long blockCount) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return new FileBlocks(ch, path + "@" + base, base, blockSize, blockCount);
    }

    private static void writeLastByte(FileChannel ch, long size) throws IOException {
        if (size > 0) {
            ch.write(ByteBuffer.wrap(new byte[1]), size - 1);
        }
    }

    @Override
    public int blockSize() {
        return blockSize;
    }

    @Override
    public long blockCount() {
        return blockCount;
    }

    @Override
    public void readBlock(long blockNumber, byte[] dst) throws IOException {
        transfer(blockNumber, dst, false);
    }

    @Override
    public void writeBlock(long blockNumber, byte[] src) throws IOException {
        transfer(blockNumber, src, true);
    }

    private void transfer(long blockNumber, byte[] bytes, boolean write) throws IOException {
        if (blockNumber < 0 || blockNumber >= blockCount) {
            throw new IllegalArgumentException(name + ": block " + blockNumber + " outside [0, " + blockCount + ")");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes, 0, blockSize);
        long pos = base + blockNumber * blockSize;
        while (buf.hasRemaining()) {
            int n = write ? channel.write(buf, pos + buf.position()) : channel.read(buf, pos + buf.position());
            if (n < 0) {
                throw new ShortReadException(name, blockNumber, buf.position(), blockSize);
            }
        }
    }

    @Override
    public int journalBlocks() {
        return (int) Math.min(Integer.MAX_VALUE, blockCount);
    }

    @Override
    public void readJournalBlock(int n, byte[] dst) throws IOException {
        readBlock(n, dst);
    }

    @Override
    public void writeJournalBlock(int n, byte[] src) throws IOException {
        writeBlock(n, src);
    }

    @Override
    public void force() throws IOException {
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return name;
    }
}
