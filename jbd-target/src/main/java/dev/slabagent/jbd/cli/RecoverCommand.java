package dev.slabagent.jbd.cli;

import dev.slabagent.jbd.Journal;
import dev.slabagent.jbd.Recovery;
import dev.slabagent.jbd.RecoveryResult;
import dev.slabagent.jbd.device.FileBlocks;
import dev.slabagent.jbd.device.JournalDevice;
import dev.slabagent.jbd.disk.JournalCorruptException;
import dev.slabagent.jbd.ext3.Ext3FormatException;
import dev.slabagent.jbd.ext3.Ext3Image;
import dev.slabagent.jbd.ext3.Ext3Superblock;
import dev.slabagent.jbd.ext3.ExternalJournal;
import dev.slabagent.jbd.ext3.JournalInodeBlocks;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code recover}: replays {@code DIR/journal} into {@code DIR/device}, or the journal of an ext2/3/4 image (its
 * journal inode, or an external journal device) into the image as {@code e2fsck -E journal_only} does, resets
 * the journal and prints what it replayed.
 */
@Command(name = "recover", mixinStandardHelpOptions = true,
        description = "Replay DIR/journal into DIR/device, or an ext2/3/4 image's journal into the image as "
                + "e2fsck -E journal_only does, and print the replayed transactions.")
final class RecoverCommand implements Callable<Integer> {
    /** Exit status for a journal this command refuses to replay (the image is left untouched). */
    static final int REFUSED = 2;
    /** Exit status for a recovery that failed as the kernel's does (see {@link RecoveryResult#error()}). */
    static final int FAILED = 1;

    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Target target;

    /** Exactly one of the two places a journal lives. */
    static final class Target {
        @Option(names = "--dir", paramLabel = "DIR", required = true,
                description = "directory of the journal and device files (DIR/journal, DIR/device)")
        private Path dir;

        @Option(names = "--image", paramLabel = "IMG", required = true,
                description = "ext2/3/4 image whose journal is replayed into it")
        private Path image;
    }

    @Option(names = "--journal", paramLabel = "DEV",
            description = "the image's external journal device (mke2fs -O journal_dev); only with --image")
    private Path journalDevice;

    @Override
    public Integer call() throws Exception {
        if (journalDevice != null && target.dir != null) {
            spec.commandLine().getErr().println("--journal goes with --image, not with --dir");
            return REFUSED;
        }
        return target.dir != null ? recoverDir() : recoverImage();
    }

    private int recoverDir() throws IOException {
        FileBlocks[] files = JournalFiles.open(target.dir);
        RecoveryResult result;
        try (FileBlocks journal = files[0]; FileBlocks device = files[1]) {
            result = Recovery.recover(journal, device);
        }
        print(result);
        return exitStatus(result);
    }

    /**
     * Replays an image's journal inode into the image, then clears needs_recovery. Everything that would make
     * the replay refuse (no journal, a bad journal superblock) is checked before the first write.
     */
    private int recoverImage() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try (Ext3Image image = Ext3Image.open(target.image, true)) {
            if (!image.superblock().needsRecovery()) {
                out.printf("%s: needs_recovery is not set: nothing to replay%n", target.image);
                return 0;
            }
            RecoveryResult result;
            try (JournalDevice journal = journalOf(image)) {
                Journal.readSuperblock(journal);
                if (journal instanceof JournalInodeBlocks inodeJournal && inodeJournal.restoredFromBackup()) {
                    // e2fsck puts the rebuilt inode back before it replays (a logged inode table block wins).
                    inodeJournal.writeRestoredInode();
                    spec.commandLine().getOut().printf("journal inode %d was unusable: restored from the superblock's"
                            + " backup%n", image.superblock().journalInode());
                }
                result = Recovery.recover(journal, image);
            }
            image.endRecovery(result.error() != null, result.failedCommit());
            image.force();
            print(result);
            return exitStatus(result);
        } catch (Ext3FormatException | JournalCorruptException e) {
            spec.commandLine().getErr().printf("%s: refused: %s%n", target.image, e.getMessage());
            return REFUSED;
        }
    }

    /** The journal inode, or the external device given with --journal, which must be the one the image names. */
    private JournalDevice journalOf(Ext3Image image) throws IOException {
        Ext3Superblock sb = image.superblock();
        boolean external = sb.hasJournal() && sb.journalInode() == 0;
        if (journalDevice == null) {
            if (external) {
                throw new Ext3FormatException(target.image + " has an external journal (UUID " + sb.journalUuid()
                        + "): name its device with --journal DEV");
            }
            return JournalInodeBlocks.of(image);
        }
        if (!external) {
            throw new Ext3FormatException(target.image + " has an internal journal (inode " + sb.journalInode()
                    + "), not the external one given with --journal");
        }
        return ExternalJournal.open(journalDevice, sb);
    }

    /** 0, or {@link #FAILED} after printing the one-line error of a recovery that failed. */
    private int exitStatus(RecoveryResult result) {
        if (result.error() == null) {
            return 0;
        }
        spec.commandLine().getErr().printf("%s: recovery failed: %s; the journal is emptied and the file system"
                + " is left for a full check%n", target.dir != null ? target.dir : target.image, result.error());
        return FAILED;
    }

    private void print(RecoveryResult result) {
        PrintWriter out = spec.commandLine().getOut();
        for (RecoveryResult.Replayed t : result.transactions()) {
            out.printf("replayed tid=%s log_block=%d log_blocks=%d blocks=%d revoked=%d revoke_records=%d%n",
                    Integer.toUnsignedString(t.tid()), t.logStart(), t.logBlocks(), t.blocks(), t.revoked(),
                    t.revokeRecords());
        }
        for (RecoveryResult.BadBlock b : result.badBlocks()) {
            out.printf("skipped tid=%s log_block=%d block=%d: checksum does not match its tag%n",
                    Integer.toUnsignedString(b.tid()), b.logBlock(), b.homeBlock());
        }
        out.printf("recovered transactions=%d blocks=%d revoked=%d end=\"%s\"%n", result.transactions().size(),
                result.blocksReplayed(), result.revokedSkipped(), result.stopReason());
    }
}
