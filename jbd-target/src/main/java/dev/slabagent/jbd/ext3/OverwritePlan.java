package dev.slabagent.jbd.ext3;

import dev.slabagent.jbd.disk.JbdFormat;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * The pseudo-random whole-block overwrites of a file that the {@code ext3} command journals: which logical
 * block each write hits and its new content, all from a seed so that runs repeat. Every
 * {@value #MAGIC_EVERY}th block begins with the JBD magic, so the journal has to escape it.
 */
public final class OverwritePlan {

    /** One write in every this many gets content that begins with the JBD magic number. */
    public static final int MAGIC_EVERY = 5;

    private final SplittableRandom random;
    private final long fileBlocks;
    private final int blockSize;
    private int written;

    /** A plan for a file of {@code fileBlocks} blocks of {@code blockSize} bytes. */
    public OverwritePlan(long seed, long fileBlocks, int blockSize) {
        if (fileBlocks < 1) {
            throw new IllegalArgumentException("the file has no block to overwrite");
        }
        this.random = new SplittableRandom(seed);
        this.fileBlocks = fileBlocks;
        this.blockSize = blockSize;
    }

    /** One whole-block write: logical block of the file and its new content. */
    public record Write(long logicalBlock, byte[] content) {
    }

    /** The next write of the plan. */
    public Write next() {
        long logical = random.nextLong(fileBlocks);
        byte[] content = new byte[blockSize];
        random.nextBytes(content);
        if (++written % MAGIC_EVERY == 0) {
            ByteBuffer.wrap(content).putInt(0, JbdFormat.MAGIC);
        }
        return new Write(logical, content);
    }
}
