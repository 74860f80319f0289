package dev.slabagent.jbd.crash;

import dev.slabagent.jbd.JournalOptions;
import dev.slabagent.jbd.device.FileBlocks;
import dev.slabagent.jbd.fs.JournaledFs;
import dev.slabagent.jbd.workload.RandomWrites;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The crash test's child JVM: opens (and so recovers) DIR/journal and DIR/device, prints {@code ready}, then
 * runs WRITERS threads until killed. Thread w writes the {@link RandomWrites} stream of writer
 * {@code FIRST_WRITER + w} in region w of WRITERS, syncs after a random number of writes and prints
 * {@code synced WRITER SEQ} for every sync that returned. Background commits run every 10 ms.
 *
 * <p>Arguments: DIR SEED FIRST_WRITER WRITERS RECORD_SIZE
 */
public final class CrashChild {
    private CrashChild() {
    }

    /** Runs until killed; see the class comment for the arguments and output. */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        int firstWriter = Integer.parseInt(args[2]);
        int writers = Integer.parseInt(args[3]);
        int recordSize = Integer.parseInt(args[4]);
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            e.printStackTrace();
            Runtime.getRuntime().halt(3);
        });
        PrintStream out = System.out;
        FileBlocks journal = FileBlocks.open(dir.resolve("journal"), CrashTest.BLOCK_SIZE);
        FileBlocks device = FileBlocks.open(dir.resolve("device"), CrashTest.BLOCK_SIZE);
        JournaledFs fs = JournaledFs.open(journal, device, JournalOptions.defaults().withCommitInterval(10));
        out.println("ready");
        out.flush();
        for (int w = 0; w < writers; w++) {
            RandomWrites writes = new RandomWrites(seed, firstWriter + w, w, writers, fs.size(), recordSize);
            SplittableRandom syncs = new SplittableRandom(seed + w);
            new Thread(() -> {
                try {
                    writeAndSync(fs, writes, syncs, recordSize, out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).start();
        }
    }

    private static void writeAndSync(JournaledFs fs, RandomWrites writes, SplittableRandom syncs, int recordSize,
                                     PrintStream out) throws IOException {
        byte[] record = new byte[recordSize];
        while (true) {
            int burst = 1 + syncs.nextInt(50);
            for (int i = 0; i < burst; i++) {
                fs.write(writes.next(record), record, 0, recordSize);
            }
            fs.sync();
            synchronized (out) {
                out.println("synced " + RandomWrites.writerAt(record, 0) + " " + writes.sequence());
                out.flush();
            }
        }
    }
}
