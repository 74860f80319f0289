package dev.slabagent.demo.bench;

import dev.slabagent.jbd.JournalOptions;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * jbd-target's {@code write()} path as ext3 has it: each call is one handle ({@code Transactions.start}, write
 * access, copy, dirty metadata, {@code Transactions.stop}) updating part of one metadata block, and the commit
 * thread commits in the background every {@value #COMMIT_INTERVAL_MILLIS} ms. Each thread updates its own
 * small working set of {@value #BLOCKS_PER_THREAD} blocks, as metadata updates hit the same inode and bitmap
 * blocks again and again: a write mostly finds its buffer already in the running transaction, and one that
 * races the commit of its buffer makes the frozen copy. The journal and device are a {@link ScratchJournal}.
 *
 * <p>{@code gc.alloc.rate.norm} is all threads' allocation over the operations (JMH 1.37 reads HotSpot's
 * {@code getTotalThreadAllocatedBytes}), so B/op includes the commit thread's frozen copies, spread over the
 * writes; {@link JournalCommitBench} shows them per commit.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class JournalWriteBench {
    /** 32 MiB of journal: transactions of up to a quarter of it, 2048 buffers. */
    static final int JOURNAL_BLOCKS = 8192;
    /** 4 MiB of device. */
    static final int DEVICE_BLOCKS = 1024;
    /** The metadata blocks each thread updates, round robin. */
    static final int BLOCKS_PER_THREAD = 64;
    /** The commit thread's interval: several background commits per measured iteration. */
    static final long COMMIT_INTERVAL_MILLIS = 50;
    /** Bytes each write() copies into its block: one small metadata update. */
    static final int UPDATE_BYTES = 128;

    private ScratchJournal store;

    /**
     * Formats a fresh journal and device and opens them.
     *
     * @throws IOException if the files cannot be created
     */
    @Setup(Level.Trial)
    public void open() throws IOException {
        store = ScratchJournal.open(JOURNAL_BLOCKS, DEVICE_BLOCKS,
                JournalOptions.defaults().withCommitInterval(COMMIT_INTERVAL_MILLIS));
    }

    /**
     * Closes the store and deletes its files.
     *
     * @throws IOException if closing or deleting fails
     */
    @TearDown(Level.Trial)
    public void close() throws IOException {
        store.close();
    }

    /** One writing thread's blocks and the bytes it writes. */
    @State(Scope.Thread)
    public static class Writer {
        private final byte[] update = new byte[UPDATE_BYTES];
        private long firstBlock;
        private long next;

        /**
         * Gives this thread its own working set of blocks.
         *
         * @param threads which thread this is
         */
        @Setup(Level.Trial)
        public void share(ThreadParams threads) {
            firstBlock = (long) BLOCKS_PER_THREAD * threads.getThreadIndex();
            update[0] = (byte) threads.getThreadIndex();
        }

        /** @return the byte position of the next update: the start of this thread's next block, round robin */
        long nextPosition() {
            long block = firstBlock + next++ % BLOCKS_PER_THREAD;
            return block * ScratchJournal.BLOCK_SIZE;
        }
    }

    /**
     * One {@code write()}: one handle, one block.
     *
     * @param writer this thread's blocks
     * @throws IOException if the journal fails
     */
    @Benchmark
    public void write(Writer writer) throws IOException {
        store.fs().write(writer.nextPosition(), writer.update);
    }
}
