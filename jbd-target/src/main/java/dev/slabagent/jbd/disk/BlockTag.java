package dev.slabagent.jbd.disk;

/**
 * One tag of a descriptor block (journal_block_tag_t): the home block a logged copy belongs to.
 *
 * @param blockNumber home block number (u32)
 * @param flags tag flags ({@link JbdFormat#FLAG_ESCAPE} and so on)
 */
public record BlockTag(long blockNumber, int flags) {
    /** Whether the logged copy had its leading magic zeroed. */
    public boolean escaped() {
        return (flags & JbdFormat.FLAG_ESCAPE) != 0;
    }
}
