package dev.slabagent.jbd.crash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slabagent.jbd.Journal;
import dev.slabagent.jbd.Recovery;
import dev.slabagent.jbd.device.FileBlocks;
import dev.slabagent.jbd.disk.Be32;
import dev.slabagent.jbd.disk.JbdFormat;
import dev.slabagent.jbd.workload.RandomWrites;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 at random moments: a child JVM ({@link CrashChild}) writes through the journal and reports each
 * sync that returned; the test kills it with SIGKILL, recovers a copy of its files, and checks that the
 * device equals the state after exactly some prefix of the child's writes (so nothing torn or uncommitted is
 * visible) that includes every acknowledged write. The child then continues on the unrecovered originals,
 * recovering them itself. {@code -Djbd.crash.kills=N} sets the number of kills (default 50).
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
        int acknowledgedTotal = 0;
        int nonEmptyRecoveries = 0;
        for (int kill = 0; kill < kills; kill++) {
            long seed = random.nextLong();
            Child child = Child.start(dir, seed, kill);
            boolean early = kill % 5 == 4;
            if (early) {
                Thread.sleep(50 + random.nextInt(300));
            } else {
                child.awaitReady();
                Thread.sleep(random.nextInt(400));
            }
            long acknowledged = child.kill();
            acknowledgedTotal += acknowledged > 0 ? 1 : 0;

            byte[] recovered = recoverCopy(dir);
            long prefix = highestSequence(recovered, kill);
            byte[] expected = state.clone();
            RandomWrites writes = new RandomWrites(seed, kill, STORE, RECORD_SIZE);
            byte[] record = new byte[RECORD_SIZE];
            for (long i = 0; i < prefix; i++) {
                long position = writes.next(record);
                System.arraycopy(record, 0, expected, (int) position, RECORD_SIZE);
            }
            assertTrue(prefix >= acknowledged, "kill " + kill + ": acknowledged write " + acknowledged
                    + " lost, recovered prefix " + prefix);
            assertArrayEquals(expected, recovered, "kill " + kill + ": device is not the state after writes 1.."
                    + prefix);
            nonEmptyRecoveries += prefix > 0 ? 1 : 0;
            state = expected;
        }
        assertTrue(acknowledgedTotal > kills / 2, "most children got syncs acknowledged: " + acknowledgedTotal);
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

    /** The highest sequence number of a record written by {@code writer} in {@code image}. */
    private static long highestSequence(byte[] image, int writer) {
        long max = 0;
        for (int off = 0; off < image.length; off += RECORD_SIZE) {
            int magic = Be32.get(image, off);
            if ((magic == RandomWrites.RECORD_MAGIC || magic == JbdFormat.MAGIC) && Be32.get(image, off + 4) == writer) {
                max = Math.max(max, RandomWrites.sequenceAt(image, off));
            }
        }
        return max;
    }

    /** A running child JVM and the syncs it acknowledged. */
    private static final class Child {
        private final Process process;
        private final Thread reader;
        private final List<String> lines = new ArrayList<>();
        private volatile boolean ready;
        private volatile long acknowledged;

        private Child(Process process) {
            this.process = process;
            this.reader = new Thread(this::read, "child-stdout");
            reader.start();
        }

        static Child start(Path dir, long seed, int writer) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), dir.toString(),
                    Long.toString(seed), Integer.toString(writer), Integer.toString(RECORD_SIZE));
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
                        acknowledged = Long.parseLong(line.substring(7));
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

        /** SIGKILLs the child and returns the last sequence it reported synced. */
        long kill() throws InterruptedException {
            boolean diedEarly = !process.isAlive();
            process.destroyForcibly();
            process.waitFor();
            reader.join();
            assertEquals(false, diedEarly, "child exited before the kill: " + lines);
            return acknowledged;
        }
    }
}
