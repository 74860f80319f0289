package dev.slabagent.jbd.ext3;

import java.io.IOException;

/** An ext2/ext3 image that cannot be read as one: the message names the block and what was wrong. */
public final class Ext3FormatException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String problem;

    /** A problem found in fs block {@code block} of the image. */
    public Ext3FormatException(long block, String problem) {
        super("ext3 block " + block + ": " + problem);
        this.problem = "block " + block + ": " + problem;
    }

    /** A problem that belongs to no single block (a path, a file's shape). */
    public Ext3FormatException(String problem) {
        super("ext3: " + problem);
        this.problem = problem;
    }

    /** The message without its "ext3" prefix, to quote inside another. */
    public String problem() {
        return problem;
    }
}
