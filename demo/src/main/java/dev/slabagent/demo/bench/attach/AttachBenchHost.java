package dev.slabagent.demo.bench.attach;

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

/**
 * The JVM {@link AttachBench} attaches to: one thread writes through jbd-target's {@link JournaledFs} (4 KiB blocks,
 * 128-byte writes at random slots, the {@code workload} command's defaults) with no agent, timing every
 * {@code write()}. Prints {@code ready}, then answers on stdin: {@code watch NAME} (start watching for the first hit
 * of cache NAME; answers {@code watching}), {@code hit} (the nanoTime of that first hit, or 0 after 30 s),
 * {@code longest FROM TO} (the longest {@code write()} started between two nanoTimes, in ns), {@code stop}.
 */
public final class AttachBenchHost {

    private static final int BLOCK_SIZE = 4096;
    private static volatile boolean stopping;

    private AttachBenchHost() {
    }

    /** @param args {@code DIR} for the journal and device files */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        FileBlocks journal = FileBlocks.create(dir.resolve("journal"), BLOCK_SIZE, 1024);
        Journal.format(journal, new byte[16]);
        JournaledFs fs = JournaledFs.open(journal, FileBlocks.create(dir.resolve("device"), BLOCK_SIZE, 1024),
                JournalOptions.defaults().withCommitInterval(0));
        LatencyWindows latency = new LatencyWindows(System.nanoTime(), 600);
        Thread writer = new Thread(() -> write(fs, latency), "writer");
        writer.start();
        System.out.println("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        FirstHit watch = null;
        for (String line = in.readLine(); line != null && !line.equals("stop"); line = in.readLine()) {
            String[] words = line.split(" ");
            switch (words[0]) {
                case "watch" -> {
                    watch = FirstHit.watch(words[1]);
                    System.out.println("watching");
                }
                case "hit" -> System.out.println(watch == null ? 0 : watch.await(30_000));
                case "longest" -> System.out.println(latency.longest(Long.parseLong(words[1]), Long.parseLong(words[2])));
                default -> System.out.println("unknown command " + words[0]);
            }
        }
        stopping = true;
        writer.join();
        fs.close();
    }

    private static void write(JournaledFs fs, LatencyWindows latency) {
        RandomWrites stream = new RandomWrites(1, 0, fs.size(), 128);
        byte[] record = new byte[128];
        try {
            while (!stopping) {
                long position = stream.next(record);
                long start = System.nanoTime();
                fs.write(position, record, 0, record.length);
                latency.record(start, System.nanoTime() - start);
            }
        } catch (IOException e) {
            System.out.println("failed " + e);
            System.exit(1);
        }
    }
}
