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

/**
 * jbd-target's commit path: one operation is {@value #WRITES} {@code write()}s to distinct
 * blocks, then {@code sync()}, which waits for the commit thread to freeze each of those buffers (one
 * {@code new byte[4096]}, 4112 B, per buffer in {@code Commit.freeze}), log them with a descriptor and a commit
 * block, and free the copies ({@code Commit.freeFrozen}). No timed commits: every commit is a forced one. B/op
 * counts every thread's allocation (the commit thread's too), so the frozen copies' share per operation is
 * {@value #WRITES} x 4112 B, which a frozen-copy cache takes away.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class JournalCommitBench {
    /** Writes, hence buffers and frozen copies, per commit. */
    public static final int WRITES = 16;
    /** The bytes of one frozen copy: a {@code byte[4096]} with its 16-byte header. */
    public static final int FROZEN_COPY_BYTES = ScratchJournal.BLOCK_SIZE + 16;
    /** 8 MiB of journal: a commit takes 18 log blocks, so it is checkpointed every hundred commits or so. */
    static final int JOURNAL_BLOCKS = 2048;
    static final int DEVICE_BLOCKS = 256;

    private final byte[] update = new byte[JournalWriteBench.UPDATE_BYTES];
    private ScratchJournal store;

    /**
     * Formats a fresh journal and device (commits only when asked) and opens them.
     *
     * @throws IOException if the files cannot be created
     */
    @Setup(Level.Trial)
    public void open() throws IOException {
        store = ScratchJournal.open(JOURNAL_BLOCKS, DEVICE_BLOCKS, JournalOptions.defaults().withCommitInterval(0));
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

    /**
     * {@value #WRITES} writes, one handle and one block each, then a forced commit of them.
     *
     * @throws IOException if the journal fails
     */
    @Benchmark
    public void writeAndSync() throws IOException {
        for (int block = 0; block < WRITES; block++) {
            update[0]++;
            store.fs().write((long) block * ScratchJournal.BLOCK_SIZE, update);
        }
        store.fs().sync();
    }
}
