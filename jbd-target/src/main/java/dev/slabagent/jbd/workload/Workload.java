package dev.slabagent.jbd.workload;

import dev.slabagent.jbd.fs.JournaledFs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Runs {@link RandomWrites} streams on a store from several threads and measures the write phase. */
public final class Workload {
    /**
     * Outcome of a run.
     *
     * @param writes writes done by all threads
     * @param threads writer threads
     * @param elapsedNanos wall-clock time of the write phase
     */
    public record Result(long writes, int threads, long elapsedNanos) {
        /** Average time one thread spent per write call: elapsed time times threads over writes, in microseconds. */
        public double microsPerWrite() {
            return writes == 0 ? 0 : elapsedNanos / 1000.0 * threads / writes;
        }
    }

    private Workload() {
    }

    /**
     * Writes {@code writes} records (split over {@code threads} writers, writer i using stream i of
     * {@code seed}); each writer syncs after every {@code syncEvery} of its writes (0 = never).
     */
    public static Result run(JournaledFs fs, long seed, long writes, int threads, int syncEvery, int recordSize)
            throws IOException {
        if (threads < 1 || writes < 0 || syncEvery < 0) {
            throw new IllegalArgumentException("need threads >= 1, writes >= 0, sync-every >= 0");
        }
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            long share = writes / threads + (w < writes % threads ? 1 : 0);
            RandomWrites stream = new RandomWrites(seed, w, fs.size(), recordSize);
            Thread worker = new Thread(() -> {
                try {
                    go.await();
                    writeStream(fs, stream, share, syncEvery, recordSize);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "writer-" + w);
            worker.setUncaughtExceptionHandler((t, e) -> {
                synchronized (failures) {
                    failures.add(e);
                }
            });
            workers.add(worker);
            worker.start();
        }
        long begin = System.nanoTime();
        go.countDown();
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for writers", e);
            }
        }
        long elapsed = System.nanoTime() - begin;
        if (!failures.isEmpty()) {
            Throwable first = failures.get(0);
            throw first instanceof UncheckedIOException u ? u.getCause() : new IOException("writer failed: " + first, first);
        }
        return new Result(writes, threads, elapsed);
    }

    private static void writeStream(JournaledFs fs, RandomWrites stream, long count, int syncEvery, int recordSize)
            throws IOException {
        byte[] record = new byte[recordSize];
        for (long i = 1; i <= count; i++) {
            long position = stream.next(record);
            fs.write(position, record, 0, recordSize);
            if (syncEvery > 0 && i % syncEvery == 0) {
                fs.sync();
            }
        }
    }
}
