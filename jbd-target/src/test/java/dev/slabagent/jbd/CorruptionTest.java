package dev.slabagent.jbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slabagent.jbd.device.FileBlocks;
import dev.slabagent.jbd.disk.BlockHeader;
import dev.slabagent.jbd.disk.JbdFormat;
import dev.slabagent.jbd.disk.JournalCorruptException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal damaged after its last commit or inside its last transaction is recovered up to the last valid
 * commit and never past it; only a broken superblock is an error.
 */
class CorruptionTest {
    private static final int BS = 1024;
    private Scenario s;
    /** Journal block positions of each committed transaction's blocks, in order. */
    private List<RecoveryResult.Replayed> txns;
    private int all;

    @BeforeEach
    void buildJournal() throws Exception {
        s = new Scenario(BS, 128, 32, 16);
        Random random = new Random(11);
        for (int t = 0; t < 6; t++) {
            for (int i = 0; i < 4; i++) {
                s.writeBlock(random.nextInt(32), (byte) (t * 10 + i + 1));
            }
            s.sync();
        }
        s.fs.closeWithoutCheckpoint();
        txns = Recovery.recover(s.log.copy(), s.home.copy()).transactions();
        all = s.committed.size() - 1;
        assertEquals(6, txns.size());
    }

    /** Recovers a corrupted copy and returns which committed state the device ends in. */
    private int recoverAfter(Consumer<MemBlocks> corruption) throws IOException {
        MemBlocks log = s.log.copy();
        corruption.accept(log);
        MemBlocks home = s.home.copy();
        Recovery.recover(log, home);
        return s.matchingState(home);
    }

    private RecoveryResult.Replayed last() {
        return txns.get(txns.size() - 1);
    }

    private int endOfLog() {
        return last().logStart() + last().logBlocks();
    }

    @Test
    void garbageAfterTheLastCommitIsIgnored() throws Exception {
        Random random = new Random(3);
        assertEquals(all, recoverAfter(log -> {
            for (int b = endOfLog(); b < 128; b++) {
                random.nextBytes(log.block(b));
            }
        }));
        assertEquals(all, recoverAfter(log -> {
            byte[] fake = log.block(endOfLog());
            BlockHeader.write(fake, JbdFormat.COMMIT_BLOCK, last().tid());
        }), "a stale block with an old sequence ends the log");
    }

    @Test
    void aDamagedCommitBlockDropsTheLastTransactionOnly() throws Exception {
        int commit = endOfLog() - 1;
        for (int offset = 0; offset < 12; offset++) {
            int at = offset;
            assertEquals(all - 1, recoverAfter(log -> log.block(commit)[at] ^= 0x10), "flip in commit byte " + offset);
        }
    }

    @Test
    void aDamagedDescriptorDropsTheLastTransactionOnly() throws Exception {
        int descriptor = last().logStart();
        assertEquals(all - 1, recoverAfter(log -> log.block(descriptor)[0] ^= 1), "bad magic");
        assertEquals(all - 1, recoverAfter(log -> log.block(descriptor)[11] ^= 1), "wrong sequence");
        assertEquals(all - 1, recoverAfter(log -> log.block(descriptor)[7] = 9), "unknown block type");
        assertEquals(all - 1, recoverAfter(log -> {
            byte[] d = log.block(descriptor);
            for (int off = 12; off < BS; off += 4) {
                d[off + 3] &= (byte) ~JbdFormat.FLAG_LAST_TAG;
            }
        }), "missing LAST_TAG");
        assertEquals(all - 1, recoverAfter(log -> log.block(descriptor)[12] = 0x7f), "tag beyond the device");
    }

    @Test
    void randomHeaderDamageInTheLastTransactionNeverGoesPastTheLastValidCommit() throws Exception {
        Random random = new Random(17);
        List<Integer> metadata = new ArrayList<>(List.of(last().logStart(), endOfLog() - 1));
        for (int i = 0; i < 200; i++) {
            int block = metadata.get(random.nextInt(metadata.size()));
            int offset = random.nextInt(12);
            int bit = 1 << random.nextInt(8);
            int state = recoverAfter(log -> log.block(block)[offset] ^= (byte) bit);
            assertTrue(state == all - 1, "block " + block + " byte " + offset + " bit " + bit + " gave state " + state);
        }
    }

    @Test
    void aTruncatedJournalFileIsRecoveredUpToTheLastCompleteTransaction(@TempDir Path dir) throws Exception {
        for (int cut : new int[] {endOfLog() - 1, last().logStart() + 2, endOfLog()}) {
            Path file = dir.resolve("journal-" + cut);
            byte[] bytes = Scenario.image(s.log);
            Files.write(file, java.util.Arrays.copyOf(bytes, cut * BS + BS / 2));
            MemBlocks home = s.home.copy();
            RecoveryResult r;
            try (FileBlocks journal = FileBlocks.open(file, BS)) {
                r = Recovery.recover(journal, home);
            }
            int expected = cut >= endOfLog() ? all : all - 1;
            assertEquals(expected, s.matchingState(home), "cut at block " + cut);
            assertTrue(r.stopReason().matches("journal block \\d+: .*(beyond the end of the journal|short read).*"),
                    r.stopReason());
        }
    }

    @Test
    void aBrokenSuperblockIsAClearJournalCorruptError(@TempDir Path dir) throws Exception {
        MemBlocks log = s.log.copy();
        log.block(0)[1] ^= 1;
        JournalCorruptException e = assertThrows(JournalCorruptException.class, () -> Recovery.recover(log, s.home.copy()));
        assertTrue(e.getMessage().startsWith("journal block 0: bad magic"), e.getMessage());
        assertEquals(0, e.block());

        Path file = dir.resolve("short");
        Files.write(file, new byte[10]);
        try (FileBlocks journal = FileBlocks.open(file, BS)) {
            IOException shortRead = assertThrows(IOException.class, () -> Recovery.recover(journal, s.home.copy()));
            assertTrue(shortRead.getMessage().startsWith("journal block 0: short read"), shortRead.getMessage());
        }
    }
}
