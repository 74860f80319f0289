package dev.slabagent.jbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slabagent.jbd.device.JournalDevice;
import dev.slabagent.jbd.fs.JournaledFs;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Commits run on the commit thread: writes do not wait for journal I/O, and the commit interval commits alone. */
class AsyncCommitTest {
    /** A journal device whose writes block until {@link #open} is counted down, once {@link #armed}. */
    private static final class GatedJournal implements JournalDevice {
        final MemBlocks blocks = new MemBlocks(1024, 256);
        final CountDownLatch open = new CountDownLatch(1);
        final CountDownLatch blocked = new CountDownLatch(1);
        volatile boolean armed;

        @Override
        public int blockSize() {
            return blocks.blockSize();
        }

        @Override
        public int journalBlocks() {
            return blocks.journalBlocks();
        }

        @Override
        public void readJournalBlock(int n, byte[] dst) {
            blocks.readJournalBlock(n, dst);
        }

        @Override
        public void writeJournalBlock(int n, byte[] src) throws IOException {
            if (armed) {
                blocked.countDown();
                try {
                    open.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            blocks.writeJournalBlock(n, src);
        }

        @Override
        public void force() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void writesContinueWhileTheCommitThreadIsStuckInIo() throws Exception {
        GatedJournal journal = new GatedJournal();
        Journal.format(journal, new byte[16]);
        JournaledFs fs = JournaledFs.open(journal, new MemBlocks(1024, 64), JournalOptions.defaults()
                .withCommitInterval(0).withMaxTransactionBuffers(16));
        journal.armed = true;
        byte[] one = {1};
        for (int b = 0; b < 16; b++) {
            fs.write(b * 1024L, one);
        }
        fs.write(20 * 1024L, one);
        assertTrue(journal.blocked.await(5, TimeUnit.SECONDS), "the full transaction is being committed");
        for (int i = 0; i < 1000; i++) {
            fs.write((16 + i % 15) * 1024L, new byte[] {(byte) i});
        }
        assertEquals(0, fs.journal().commitCount(), "the commit is still stuck, yet 1000 writes returned");
        journal.open.countDown();
        fs.sync();
        assertEquals(2, fs.journal().commitCount());
        fs.close();
    }

    @Test
    void theCommitIntervalCommitsTheRunningTransactionWithoutASync() throws Exception {
        MemBlocks log = new MemBlocks(1024, 256);
        Journal.format(log, new byte[16]);
        JournaledFs fs = JournaledFs.open(log, new MemBlocks(1024, 64), JournalOptions.defaults().withCommitInterval(50));
        fs.write(0, new byte[] {5});
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (fs.journal().commitCount() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(1, fs.journal().commitCount(), "committed by the 50 ms timer");
        fs.close();
    }
}
