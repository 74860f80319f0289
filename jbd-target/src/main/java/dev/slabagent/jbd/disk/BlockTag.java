package dev.slabagent.jbd.disk;

/**
 * One tag of a descriptor block (journal_block_tag_t, or tag3 with checksum v3): the home block a logged copy
 * belongs to.
 *
 * @param blockNumber home block number (u32, or u64 with the 64bit feature)
 * @param flags tag flags ({@link JbdFormat#FLAG_ESCAPE} and so on)
 * @param checksum the logged copy's checksum (16 bits with checksum v2, 32 with v3, otherwise 0)
 */
public record BlockTag(long blockNumber, int flags, int checksum) {
    /** A tag without a checksum. */
    public BlockTag(long blockNumber, int flags) {
        this(blockNumber, flags, 0);
    }

    /** Whether the logged copy had its leading magic zeroed. */
    public boolean escaped() {
        return (flags & JbdFormat.FLAG_ESCAPE) != 0;
    }
}
