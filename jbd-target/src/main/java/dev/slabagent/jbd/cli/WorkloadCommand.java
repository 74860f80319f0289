package dev.slabagent.jbd.cli;

import dev.slabagent.jbd.JournalOptions;
import dev.slabagent.jbd.device.FileBlocks;
import dev.slabagent.jbd.fs.JournaledFs;
import dev.slabagent.jbd.workload.Workload;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code workload}: random record writes through the journal into fresh {@code DIR/journal} and
 * {@code DIR/device}. Commits happen when a transaction is full or at {@code --sync-every}, never on a clock,
 * and the UUID comes from the seed, so one thread with the same arguments gives byte-identical files.
 */
@Command(name = "workload", mixinStandardHelpOptions = true,
        description = "Write a random workload through the journal into DIR/journal and DIR/device.")
final class WorkloadCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", required = true,
            description = "directory of the journal and device files (DIR/journal, DIR/device)")
    private Path dir;

    @Option(names = "--writes", required = true, description = "number of writes (handles)")
    private long writes;

    @Option(names = "--threads", defaultValue = "1", description = "writer threads (default ${DEFAULT-VALUE})")
    private int threads;

    @Option(names = "--seed", defaultValue = "1", description = "workload and UUID seed (default ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--sync-every", defaultValue = "0",
            description = "each writer syncs after every K writes; 0 = never (default ${DEFAULT-VALUE})")
    private int syncEvery;

    @Option(names = "--no-checkpoint", description = "stop like a crash after the last commit, leaving the journal full")
    private boolean noCheckpoint;

    @Option(names = "--block-size", defaultValue = "4096", description = "block size (default ${DEFAULT-VALUE})")
    private int blockSize;

    @Option(names = "--journal-blocks", defaultValue = "1024",
            description = "journal size in blocks (default ${DEFAULT-VALUE})")
    private int journalBlocks;

    @Option(names = "--device-blocks", defaultValue = "1024",
            description = "device size in blocks (default ${DEFAULT-VALUE})")
    private long deviceBlocks;

    @Option(names = "--write-size", defaultValue = "128",
            description = "bytes per write, a record slot within one block (default ${DEFAULT-VALUE})")
    private int writeSize;

    @Override
    public Integer call() throws Exception {
        if (writes < 0 || threads < 1 || syncEvery < 0 || writeSize < 16 || blockSize % writeSize != 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "need --writes >= 0, --threads >= 1, --sync-every >= 0, --write-size >= 16 dividing --block-size");
        }
        FileBlocks[] files = JournalFiles.create(dir, blockSize, journalBlocks, deviceBlocks, seed);
        JournaledFs fs = JournaledFs.open(files[0], files[1], JournalOptions.defaults().withCommitInterval(0));
        Workload.Result result;
        try {
            result = Workload.run(fs, seed, writes, threads, syncEvery, writeSize);
        } finally {
            if (noCheckpoint) {
                fs.closeWithoutCheckpoint();
            } else {
                fs.close();
            }
        }
        spec.commandLine().getOut().println(String.format(Locale.ROOT, "writes=%d threads=%d us_per_write=%.3f commits=%d",
                result.writes(), result.threads(), result.microsPerWrite(), fs.journal().commitCount()));
        return 0;
    }
}
