package dev.slabagent.demo.e2e;

import dev.slabagent.jbd.Handle;
import dev.slabagent.jbd.Journal;
import dev.slabagent.jbd.JournalOptions;
import dev.slabagent.jbd.device.FileBlocks;
import dev.slabagent.runtime.SlabCache;
import dev.slabagent.runtime.SlabRegistry;
import dev.slabagent.runtime.SlabStats;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Main of the child JVM of {@link NestedHandlesTest}, run under the agent with the seed config: nests two
 * {@code start}/{@code stop} pairs on one thread (JBD hands the same handle back with {@code ref} incremented) and
 * prints, after each step, one line {@code STEP same=B ref=R allocs=A frees=F active=N hits=H} with the
 * {@code journal_handle} cache's counters read through the agent's runtime API.
 */
public final class NestedHandles {

    private static final int BLOCK_SIZE = 1024;

    private NestedHandles() {
    }

    /** {@code args[0]}: folder for the journal and device files. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        FileBlocks journalFile = FileBlocks.create(dir.resolve("journal"), BLOCK_SIZE, 128);
        Journal.format(journalFile, new byte[16]);
        FileBlocks device = FileBlocks.create(dir.resolve("device"), BLOCK_SIZE, 16);
        Journal journal = Journal.open(journalFile, device, JournalOptions.defaults());
        try {
            Handle outer = journal.transactions().start(1);
            print("outer-start", outer, outer);
            Handle inner = journal.transactions().start(1);
            print("inner-start", outer, inner);
            journal.transactions().stop(inner);
            print("inner-stop", outer, inner);
            journal.transactions().stop(outer);
            print("outer-stop", outer, outer);
            Handle again = journal.transactions().start(1);
            print("restart", outer, again);
            journal.transactions().stop(again);
        } finally {
            journal.close();
        }
    }

    private static void print(String step, Handle outer, Handle handle) {
        SlabCache cache = SlabRegistry.get("journal_handle");
        if (cache == null) {
            System.out.println(step + " no journal_handle cache is registered");
            return;
        }
        SlabStats stats = cache.stats();
        System.out.println(step + " same=" + (handle == outer) + " ref=" + handle.ref() + " allocs=" + stats.allocs()
                + " frees=" + stats.frees() + " active=" + stats.activeObjs() + " hits=" + stats.hits());
    }
}
