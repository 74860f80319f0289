package dev.slabagent.jbd;

/**
 * Told when the journal starts or stops holding transactions that recovery would replay. ext3 keeps its
 * needs_recovery flag in step with this.
 */
public interface JournalStateListener {
    /** A listener that does nothing. */
    JournalStateListener NONE = new JournalStateListener() {
        @Override
        public void journalDirty() {
        }

        @Override
        public void journalClean() {
        }
    };

    /** Called before the journal superblock first points at a transaction (s_start becomes non-zero). */
    void journalDirty() throws java.io.IOException;

    /** Called after the journal superblock was written empty (s_start = 0): clean close or recovery done. */
    void journalClean() throws java.io.IOException;
}
