package dev.slabagent.jbd.crash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slabagent.jbd.Journal;
import dev.slabagent.jbd.Recovery;
import dev.slabagent.jbd.device.FileBlocks;
import dev.slabagent.jbd.workload.RandomWrites;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 at random moments: a child JVM ({@link CrashChild}) writes through the journal and reports each
 * sync that returned; the test kills it with SIGKILL, recovers a copy of its files, and checks that the
 * device equals the state after exactly some prefix of the child's writes (so nothing torn or uncommitted is
 * visible) that includes every acknowledged write. Every third child runs two writer threads on disjoint
 * record slots (sharing blocks). A per-writer prefix alone would also accept a state no prefix of transactions
 * gives: writer 0's records of transaction j with writer 1's only up to transaction j-1 (a transaction replayed in
 * part, or one writer's blocks of a later one). So the prefix each writer must show is the one the journal
 * committed, read from the killed child's journal before recovery by {@link CommittedLog} (independent of
 * {@code Recovery}): the device must equal the state after exactly the last complete transaction. The child then
 * continues on the unrecovered originals, recovering them itself. {@code -Djbd.crash.kills=N} sets the number of
 * kills (default 50).
 */
class CrashTest {
    static final int BLOCK_SIZE = 1024;
    private static final int JOURNAL_BLOCKS = 256;
    private static final int DEVICE_BLOCKS = 96;
    private static final int RECORD_SIZE = 128;
    private static final long STORE = (long) DEVICE_BLOCKS * BLOCK_SIZE;

    @Test
    void everyAcknowledgedWriteSurvivesSigkillAndNothingUncommittedIsVisible(@TempDir Path dir) throws Exception {
        int kills = Integer.getInteger("jbd.crash.kills", 50);
        try (FileBlocks journal = FileBlocks.create(dir.resolve("journal"), BLOCK_SIZE, JOURNAL_BLOCKS);
             FileBlocks device = FileBlocks.create(dir.resolve("device"), BLOCK_SIZE, DEVICE_BLOCKS)) {
            Journal.format(journal, new byte[16]);
        }
        byte[] state = new byte[(int) STORE];
        Random random = new Random(2024);
        int acknowledgedRuns = 0;
        int nonEmptyRecoveries = 0;
        for (int kill = 0; kill < kills; kill++) {
            long seed = random.nextLong();
            int writers = kill % 3 == 2 ? 2 : 1;
            int firstWriter = kill * 2;
            Child child = Child.start(dir, seed, firstWriter, writers);
            if (kill % 5 == 4) {
                Thread.sleep(50 + random.nextInt(300));
            } else {
                child.awaitReady();
                Thread.sleep(random.nextInt(400));
            }
            long[] acknowledged = child.kill(firstWriter, writers);
            acknowledgedRuns += Arrays.stream(acknowledged).anyMatch(a -> a > 0) ? 1 : 0;

            long[] committed = committedPrefix(dir, firstWriter, writers);
            byte[] recovered = recoverCopy(dir);
            byte[] expected = state.clone();
            boolean any = false;
            for (int w = 0; w < writers; w++) {
                long prefix = CommittedLog.highestSequence(recovered, firstWriter + w, RECORD_SIZE);
                assertTrue(prefix >= acknowledged[w], "kill " + kill + " writer " + w + ": acknowledged write "
                        + acknowledged[w] + " lost, recovered prefix " + prefix);
                assertEquals(committed[w], prefix, "kill " + kill + " writer " + w + ": recovery did not end at the "
                        + "journal's last complete transaction");
                RandomWrites writes = new RandomWrites(seed, firstWriter + w, w, writers, STORE, RECORD_SIZE);
                byte[] record = new byte[RECORD_SIZE];
                for (long i = 0; i < prefix; i++) {
                    long position = writes.next(record);
                    System.arraycopy(record, 0, expected, (int) position, RECORD_SIZE);
                }
                any |= prefix > 0;
            }
            assertArrayEquals(expected, recovered, "kill " + kill + ": device is not the state after the "
                    + "committed transactions");
            nonEmptyRecoveries += any ? 1 : 0;
            state = expected;
        }
        assertTrue(acknowledgedRuns > kills / 2, "most children got syncs acknowledged: " + acknowledgedRuns);
        assertTrue(nonEmptyRecoveries > kills / 2, "most runs left writes to recover: " + nonEmptyRecoveries);
    }

    /** Recovers copies of the journal and device and returns the device image; the originals stay as killed. */
    private static byte[] recoverCopy(Path dir) throws IOException {
        Path copy = Files.createDirectories(dir.resolve("copy"));
        Files.copy(dir.resolve("journal"), copy.resolve("journal"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(dir.resolve("device"), copy.resolve("device"), StandardCopyOption.REPLACE_EXISTING);
        try (FileBlocks journal = FileBlocks.open(copy.resolve("journal"), BLOCK_SIZE);
             FileBlocks device = FileBlocks.open(copy.resolve("device"), BLOCK_SIZE)) {
            Recovery.recover(journal, device);
        }
        return Files.readAllBytes(copy.resolve("device"));
    }

    /**
     * Per writer, the last sequence of the killed child's committed transactions: the highest of its records in
     * the live log's complete transactions and on the home blocks. A writer that wrote in the live log has its last
     * write there (home blocks only ever get committed data, none newer); one whose commits were all checkpointed has
     * it at home, and the live log's blocks can only carry its older records (blocks shared with the other writer).
     */
    private static long[] committedPrefix(Path dir, int firstWriter, int writers) throws IOException {
        long[] committed = CommittedLog.highestCommitted(Files.readAllBytes(dir.resolve("journal")), RECORD_SIZE,
                firstWriter, writers);
        byte[] home = Files.readAllBytes(dir.resolve("device"));
        for (int w = 0; w < writers; w++) {
            committed[w] = Math.max(committed[w], CommittedLog.highestSequence(home, firstWriter + w, RECORD_SIZE));
        }
        return committed;
    }

    /** A running child JVM and the syncs it acknowledged. */
    private static final class Child {
        private final Process process;
        private final Thread reader;
        private final List<String> lines = new ArrayList<>();
        private volatile boolean ready;
        /** Last acknowledged sequence per writer number. */
        private final Map<Integer, Long> acknowledged = new ConcurrentHashMap<>();

        private Child(Process process) {
            this.process = process;
            this.reader = new Thread(this::read, "child-stdout");
            reader.start();
        }

        static Child start(Path dir, long seed, int firstWriter, int writers) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), dir.toString(),
                    Long.toString(seed), Integer.toString(firstWriter), Integer.toString(writers),
                    Integer.toString(RECORD_SIZE));
            pb.redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("child-stderr.txt").toFile()));
            return new Child(pb.start());
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                    if (line.equals("ready")) {
                        ready = true;
                    } else if (line.startsWith("synced ")) {
                        String[] parts = line.split(" ");
                        acknowledged.put(Integer.parseInt(parts[1]), Long.parseLong(parts[2]));
                    }
                }
            } catch (IOException e) {
                // The JDK closes the pipe once the killed process is reaped and nothing is left to drain: end of output.
                return;
            }
        }

        void awaitReady() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!ready) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("child did not get ready (exit " + (process.isAlive() ? "none"
                            : process.exitValue()) + "), output " + lines);
                }
                Thread.sleep(2);
            }
        }

        /** SIGKILLs the child and returns, per writer, the last sequence it reported synced. */
        long[] kill(int firstWriter, int writers) throws InterruptedException {
            boolean diedEarly = !process.isAlive();
            process.destroyForcibly();
            process.waitFor();
            reader.join();
            assertEquals(false, diedEarly, "child exited before the kill: " + lines);
            long[] result = new long[writers];
            for (int w = 0; w < writers; w++) {
                result[w] = acknowledged.getOrDefault(firstWriter + w, 0L);
            }
            return result;
        }
    }
}
