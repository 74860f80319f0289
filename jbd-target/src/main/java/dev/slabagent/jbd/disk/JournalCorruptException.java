package dev.slabagent.jbd.disk;

import java.io.IOException;

/** A journal block that does not hold what the JBD format requires; the message names the block. */
public class JournalCorruptException extends IOException {
    private final long block;

    /**
     * @param block journal block number that is wrong
     * @param problem what is wrong with it
     */
    public JournalCorruptException(long block, String problem) {
        super("journal block " + block + ": " + problem);
        this.block = block;
    }

    /** The journal block number that is wrong. */
    public long block() {
        return block;
    }
}
