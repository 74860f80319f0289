package dev.slabagent.jbd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slabagent.jbd.disk.Be32;
import dev.slabagent.jbd.disk.JbdFormat;
import dev.slabagent.jbd.disk.JournalSuperblock;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Wrap-around, checkpointing, revokes: each checked by recovering the journal into a copy of the device. */
class LogTest {
    private static final int LOG_BLOCKS = 64;

    @Test
    void theLogWrapsAndATransactionSpanningTheEndIsRecovered() throws Exception {
        Scenario s = new Scenario(1024, LOG_BLOCKS, 40, 8);
        Random random = new Random(5);
        boolean spanning = false;
        int written = 0;
        for (int txn = 0; txn < 1000 && !(spanning && txn > 100); txn++) {
            int n = 1 + random.nextInt(7);
            for (int i = 0; i < n; i++) {
                s.writeBlock(random.nextInt(40), (byte) random.nextInt());
            }
            s.sync();
            written += n + 2;
            spanning = lastCommittedSpansTheEnd(s.fs.journal());
        }
        assertTrue(spanning, "some transaction wrapped past the end of the log");
        assertTrue(written > 2 * LOG_BLOCKS, "more log blocks written than the log holds: " + written);
        s.fs.closeWithoutCheckpoint();

        MemBlocks home = s.home.copy();
        RecoveryResult r = Recovery.recover(s.log.copy(), home);
        RecoveryResult.Replayed last = r.transactions().get(r.transactions().size() - 1);
        assertTrue(last.logStart() + last.logBlocks() > LOG_BLOCKS, "recovered the wrapping transaction " + last);
        assertEquals(s.committed.size() - 1, s.matchingState(home), "recovery gives the last committed state");
    }

    private static boolean lastCommittedSpansTheEnd(Journal journal) {
        journal.stateLock.lock();
        try {
            Transaction t = journal.checkpointTransactions.peekLast();
            return t != null && t.logStart + t.logBlocks > journal.last;
        } finally {
            journal.stateLock.unlock();
        }
    }

    @Test
    void checkpointingWritesHomeAndMovesTheTailToFreeSpace() throws Exception {
        Scenario s = new Scenario(1024, LOG_BLOCKS, 40, 8);
        Set<Integer> tails = new HashSet<>();
        for (int txn = 0; txn < 60; txn++) {
            for (int i = 0; i < 5; i++) {
                s.writeBlock((txn * 5 + i) % 40, (byte) txn);
            }
            s.sync();
            Journal j = s.fs.journal();
            j.stateLock.lock();
            try {
                assertTrue(j.logBlocksInUse < LOG_BLOCKS - 1, "log never over-full: " + j.logBlocksInUse);
            } finally {
                j.stateLock.unlock();
            }
            tails.add(JournalSuperblock.parse(s.log.block(0).clone()).start());
        }
        assertTrue(s.home.writes() > 0, "checkpoints wrote buffers home before close");
        assertTrue(tails.size() > 3, "the superblock's s_start moved as space was reclaimed: " + tails);
        s.fs.close();
        JournalSuperblock sb = JournalSuperblock.parse(s.log.block(0).clone());
        assertEquals(0, sb.start(), "clean close leaves an empty journal");
        assertEquals(s.fs.journal().commitSequence() + 1, sb.sequence());
        assertArrayEquals(s.mirror, Scenario.image(s.home), "everything checkpointed home");
    }

    @Test
    void aRevokedBlockIsNotReplayedFromEarlierTransactionsButLaterWritesAre() throws Exception {
        Scenario s = new Scenario(1024, 256, 16, 16);
        s.writeBlock(5, (byte) 1);
        s.writeBlock(6, (byte) 2);
        s.sync();
        s.fs.discard(5);
        s.sync();
        Journal j = s.fs.journal();
        Handle h = j.transactions().start(2);
        j.transactions().revoke(h, 6);
        BufferHead bh = j.bread(6);
        j.transactions().getWriteAccess(h, bh);
        bh.copyIn(0, new byte[] {42}, 0, 1);
        j.transactions().dirtyMetadata(h, bh);
        j.transactions().stop(h);
        s.writeBlock(7, (byte) 3);
        s.sync();
        s.fs.closeWithoutCheckpoint();

        assertNotEquals(0, Be32.get(s.log.block(0), 0x28) & JbdFormat.FEATURE_INCOMPAT_REVOKE, "REVOKE feature set");
        MemBlocks home = s.home.copy();
        RecoveryResult r = Recovery.recover(s.log.copy(), home);
        assertEquals(3, r.transactions().size());
        assertEquals(1, r.revokedSkipped(), "block 5 of the first transaction skipped");
        assertEquals(1, r.transactions().get(1).revokeRecords());
        assertEquals(0, home.block(5)[0], "revoked block keeps its old home content");
        assertEquals(42, home.block(6)[0], "a revoke cancelled in the same transaction does not hide the write");
        assertEquals(2, home.block(6)[1]);
        assertEquals(3, home.block(7)[0]);

        Scenario again = new Scenario(1024, 256, 16, 16);
        again.writeBlock(5, (byte) 1);
        again.sync();
        again.fs.discard(5);
        again.sync();
        again.writeBlock(5, (byte) 9);
        again.sync();
        again.fs.closeWithoutCheckpoint();
        MemBlocks home2 = again.home.copy();
        Recovery.recover(again.log.copy(), home2);
        assertEquals(9, home2.block(5)[0], "a write after the revoking transaction is replayed");
    }

    @Test
    void transactionIdsWrapFromFfffffffToZero() throws Exception {
        MemBlocks log = new MemBlocks(1024, 64);
        Journal.format(log, new byte[16]);
        JournalSuperblock sb = JournalSuperblock.parse(log.block(0).clone());
        sb.setTail(0, 0xFFFFFFFD);
        log.writeJournalBlock(0, sb.image());
        MemBlocks home = new MemBlocks(1024, 8);
        dev.slabagent.jbd.fs.JournaledFs fs = dev.slabagent.jbd.fs.JournaledFs.open(log, home,
                JournalOptions.defaults().withCommitInterval(0));
        for (int i = 0; i < 4; i++) {
            fs.write(i * 1024L, new byte[] {(byte) (i + 1)});
            fs.sync();
        }
        assertEquals(0x00000001, fs.journal().commitSequence());
        fs.closeWithoutCheckpoint();
        MemBlocks recovered = home.copy();
        RecoveryResult r = Recovery.recover(log.copy(), recovered);
        assertEquals(java.util.List.of(0xFFFFFFFE, 0xFFFFFFFF, 0, 1),
                r.transactions().stream().map(RecoveryResult.Replayed::tid).toList());
        for (int i = 0; i < 4; i++) {
            assertEquals(i + 1, recovered.block(i)[0]);
        }
    }

    @Test
    void blocksStartingWithTheMagicAreEscapedInTheLogAndRestoredByReplay() throws Exception {
        Scenario s = new Scenario(1024, 64, 8, 8);
        byte[] data = new byte[1024];
        Be32.put(data, 0, JbdFormat.MAGIC);
        data[100] = 1;
        s.write(3 * 1024, data);
        s.sync();
        s.fs.closeWithoutCheckpoint();
        assertArrayEquals(new byte[4], java.util.Arrays.copyOf(s.log.block(2), 4), "logged copy has the magic zeroed");
        assertEquals(JbdFormat.FLAG_ESCAPE | JbdFormat.FLAG_LAST_TAG, Be32.get(s.log.block(1), 16));
        MemBlocks home = s.home.copy();
        Recovery.recover(s.log.copy(), home);
        assertArrayEquals(data, home.block(3));
    }
}
