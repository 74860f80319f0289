package dev.slabagent.jbd.ext3;

import dev.slabagent.jbd.JournalStateListener;
import java.io.IOException;

/**
 * Keeps the ext3 superblock's needs_recovery flag in step with the journal, as ext3 does: set before the
 * journal superblock first points at a transaction, cleared once the journal is empty again (clean close, or
 * recovery done). A crash in between leaves the flag set, which is what makes e2fsck replay the journal.
 */
final class NeedsRecoveryFlag implements JournalStateListener {
    private final Ext3Image image;

    NeedsRecoveryFlag(Ext3Image image) {
        this.image = image;
    }

    @Override
    public void journalDirty() throws IOException {
        if (!image.superblock().needsRecovery()) {
            image.setNeedsRecovery(true);
        }
    }

    @Override
    public void journalClean() throws IOException {
        if (image.superblock().needsRecovery()) {
            image.setNeedsRecovery(false);
        }
    }
}
