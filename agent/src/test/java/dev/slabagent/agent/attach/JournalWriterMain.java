package dev.slabagent.agent.attach;

import dev.slabagent.jbd.Journal;
import dev.slabagent.jbd.JournalOptions;
import dev.slabagent.jbd.device.FileBlocks;
import dev.slabagent.jbd.fs.JournaledFs;
import dev.slabagent.jbd.workload.RandomWrites;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A child JVM for the attach tests: writes through jbd-target's journaled store ({@link JournaledFs}) from THREADS
 * writers on disjoint regions until told to stop, so an agent can be attached and detached under load. Prints
 * {@code ready} once the writers run, then answers on stdin: {@code count} with the writes done so far,
 * {@code stop} with {@code stopped W0 W1 ...} (each writer's writes) after stopping like a crash right after the
 * last commit (the journal keeps its transactions for recovery), or {@code failed REASON} if a write failed.
 */
public final class JournalWriterMain {

    /** Block size of the journal and the device (that of journal_frozen's arrays). */
    public static final int BLOCK_SIZE = 4096;
    /** Blocks of the journal. */
    public static final int JOURNAL_BLOCKS = 256;
    /** Blocks of the device. */
    public static final int DEVICE_BLOCKS = 96;
    /** Bytes per write. */
    public static final int RECORD_SIZE = 128;
    /** The workload's seed. */
    public static final long SEED = 4;

    /** Set by {@code stop}; not an interrupt, which would close the files' channels under a write. */
    private static volatile boolean stopping;

    private JournalWriterMain() {
    }

    /** @param args {@code DIR THREADS} */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        FileBlocks journal = FileBlocks.create(dir.resolve("journal"), BLOCK_SIZE, JOURNAL_BLOCKS);
        Journal.format(journal, new byte[16]);
        FileBlocks device = FileBlocks.create(dir.resolve("device"), BLOCK_SIZE, DEVICE_BLOCKS);
        JournaledFs fs = JournaledFs.open(journal, device, JournalOptions.defaults().withCommitInterval(0));
        AtomicLongArray done = new AtomicLongArray(threads);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            int writer = w;
            Thread t = new Thread(() -> write(fs, writer, threads, done, failure), "writer-" + w);
            writers.add(t);
            t.start();
        }
        System.out.println("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.equals("count")) {
                long total = 0;
                for (int w = 0; w < threads; w++) {
                    total += done.get(w);
                }
                System.out.println(total);
            } else if (line.equals("stop")) {
                break;
            }
        }
        stopping = true;
        for (Thread t : writers) {
            t.join();
        }
        fs.closeWithoutCheckpoint();
        StringBuilder counts = new StringBuilder("stopped");
        for (int w = 0; w < threads; w++) {
            counts.append(' ').append(done.get(w));
        }
        System.out.println(failure.get() == null ? counts : "failed " + failure.get());
    }

    private static void write(JournaledFs fs, int writer, int writers, AtomicLongArray done, AtomicReference<Throwable> failure) {
        RandomWrites stream = new RandomWrites(SEED, writer, writer, writers, fs.size(), RECORD_SIZE);
        byte[] record = new byte[RECORD_SIZE];
        try {
            while (!stopping) {
                long position = stream.next(record);
                fs.write(position, record, 0, RECORD_SIZE);
                done.incrementAndGet(writer);
            }
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
        }
    }
}
