package dev.slabagent.jbd.cli;

import dev.slabagent.jbd.Recovery;
import dev.slabagent.jbd.RecoveryResult;
import dev.slabagent.jbd.device.FileBlocks;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code recover}: replays {@code DIR/journal} into {@code DIR/device}, resets the journal and prints what it replayed. */
@Command(name = "recover", mixinStandardHelpOptions = true,
        description = "Replay DIR/journal into DIR/device and print the replayed transactions.")
final class RecoverCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private JournalDirOption dir;

    @Override
    public Integer call() throws Exception {
        FileBlocks[] files = JournalFiles.open(dir.dir);
        RecoveryResult result;
        try (FileBlocks journal = files[0]; FileBlocks device = files[1]) {
            result = Recovery.recover(journal, device);
        }
        PrintWriter out = spec.commandLine().getOut();
        for (RecoveryResult.Replayed t : result.transactions()) {
            out.printf("replayed tid=%s log_block=%d log_blocks=%d blocks=%d revoked=%d revoke_records=%d%n",
                    Integer.toUnsignedString(t.tid()), t.logStart(), t.logBlocks(), t.blocks(), t.revoked(),
                    t.revokeRecords());
        }
        out.printf("recovered transactions=%d blocks=%d revoked=%d end=\"%s\"%n", result.transactions().size(),
                result.blocksReplayed(), result.revokedSkipped(), result.stopReason());
        return 0;
    }
}
