package dev.slabagent.jbd.cli;

import dev.slabagent.jbd.Journal;
import dev.slabagent.jbd.JournalOptions;
import dev.slabagent.jbd.ext3.Ext3Mount;
import dev.slabagent.jbd.ext3.FileOverwrite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ext3}: overwrites blocks of an existing file of an ext3 image through the image's own journal, in
 * several transactions committed by count (never by the clock), so the same seed gives the same journal.
 * With {@code --crash} it stops after the last commit without checkpointing, leaving needs_recovery set for
 * {@code e2fsck -fy}.
 */
@Command(name = "ext3", mixinStandardHelpOptions = true,
        description = "Overwrite blocks of /PATH in an ext3 image through its journal (then try e2fsck -fy IMG).")
final class Ext3Command implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--image", required = true, description = "ext3 image file (mke2fs -t ext3)")
    private Path image;

    @Option(names = "--file", required = true, description = "absolute path of an existing regular file in the image")
    private String file;

    @Option(names = "--writes", required = true, description = "number of whole-block writes (handles)")
    private long writes;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the blocks and contents (default ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--crash", description = "stop after the last commit without checkpointing (needs_recovery stays set)")
    private boolean crash;

    @Option(names = "--expect", description = "write the file's full expected content after replay to this file")
    private Path expect;

    @Override
    public Integer call() throws Exception {
        if (writes < 0 || !file.startsWith("/")) {
            throw new ParameterException(spec.commandLine(), "need --writes >= 0 and an absolute --file path");
        }
        if (!Files.isRegularFile(image)) {
            throw new ParameterException(spec.commandLine(), "no such image file: " + image);
        }
        Ext3Mount mount = Ext3Mount.open(image, JournalOptions.defaults().withCommitInterval(0));
        FileOverwrite.Result result;
        try {
            result = FileOverwrite.run(mount, file, writes, seed);
        } finally {
            if (crash) {
                mount.closeWithoutCheckpoint();
            } else {
                mount.close();
            }
        }
        if (expect != null) {
            Files.write(expect, result.expected());
        }
        Journal journal = mount.fs().journal();
        long commits = journal.commitCount();
        spec.commandLine().getOut().printf("writes=%d commits=%d first_tid=%s last_tid=%s recovered=%d needs_recovery=%s%n",
                result.writes(), commits, Integer.toUnsignedString((int) (journal.commitSequence() - commits + 1)),
                Integer.toUnsignedString(journal.commitSequence()), journal.recovery().transactions().size(),
                mount.image().superblock().needsRecovery() ? "yes" : "no");
        return 0;
    }
}
