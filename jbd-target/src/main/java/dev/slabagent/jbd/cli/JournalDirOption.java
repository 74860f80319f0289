package dev.slabagent.jbd.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --dir DIR} option of the commands that work on a workload directory ({@link JournalFiles}). */
final class JournalDirOption {

    @Option(names = "--dir", paramLabel = "DIR", required = true,
            description = "directory of the journal and device files (DIR/journal, DIR/device)")
    Path dir;
}
