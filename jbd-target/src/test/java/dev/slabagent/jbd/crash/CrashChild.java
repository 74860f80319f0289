package dev.slabagent.jbd.crash;

import dev.slabagent.jbd.JournalOptions;
import dev.slabagent.jbd.device.FileBlocks;
import dev.slabagent.jbd.fs.JournaledFs;
import dev.slabagent.jbd.workload.RandomWrites;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The crash test's child JVM: opens (and so recovers) DIR/journal and DIR/device, prints {@code ready}, then
 * writes the {@link RandomWrites} stream of writer {@code WRITER} until killed, syncing after a random number
 * of writes and printing {@code synced SEQ} for every sync that returned. Background commits run every 10 ms.
 *
 * <p>Arguments: DIR SEED WRITER RECORD_SIZE
 */
public final class CrashChild {
    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        int writer = Integer.parseInt(args[2]);
        int recordSize = Integer.parseInt(args[3]);
        PrintStream out = System.out;
        FileBlocks journal = FileBlocks.open(dir.resolve("journal"), CrashTest.BLOCK_SIZE);
        FileBlocks device = FileBlocks.open(dir.resolve("device"), CrashTest.BLOCK_SIZE);
        JournaledFs fs = JournaledFs.open(journal, device, JournalOptions.defaults().withCommitInterval(10));
        out.println("ready");
        out.flush();
        RandomWrites writes = new RandomWrites(seed, writer, fs.size(), recordSize);
        SplittableRandom syncs = new SplittableRandom(seed);
        byte[] record = new byte[recordSize];
        while (true) {
            int burst = 1 + syncs.nextInt(50);
            for (int i = 0; i < burst; i++) {
                fs.write(writes.next(record), record, 0, recordSize);
            }
            fs.sync();
            out.println("synced " + writes.sequence());
            out.flush();
        }
    }
}
