package dev.slabagent.jbd.e2fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slabagent.jbd.Journal;
import dev.slabagent.jbd.JournalOptions;
import dev.slabagent.jbd.cli.Main;
import dev.slabagent.jbd.device.FileBlocks;
import dev.slabagent.jbd.disk.Be32;
import dev.slabagent.jbd.disk.BlockHeader;
import dev.slabagent.jbd.disk.JbdFormat;
import dev.slabagent.jbd.disk.JournalSuperblock;
import dev.slabagent.jbd.fs.JournaledFs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third-party reader, e2fsprogs' debugfs, lists the transactions, tags, revokes and commit blocks we wrote;
 * the raw blocks it points at also follow the e2fsck rules of the shared format notes (sequence, LAST_TAG,
 * SAME_UUID, escaping, r_count, REVOKE feature, zeroed commit blocks).
 */
class DebugfsLogdumpTest {
    private static final int BS = 1024;

    /** Expected tags of one transaction: home block and whether its copy is escaped. */
    private record Logged(long block, boolean escaped) {
    }

    @Test
    void debugfsListsOurTransactionsTagsRevokesAndCommitBlocks(@TempDir Path dir) throws Exception {
        Path journalFile = dir.resolve("journal");
        Map<Long, List<Logged>> expected = new LinkedHashMap<>();
        Map<Long, List<Long>> expectedRevokes = new LinkedHashMap<>();
        JournaledFs fs = JournaledFs.open(formatted(journalFile), FileBlocks.create(dir.resolve("device"), BS, 200),
                JournalOptions.defaults().withCommitInterval(0));
        byte[] magicBlock = new byte[BS];
        Be32.put(magicBlock, 0, JbdFormat.MAGIC);
        byte[] plain = {1, 2, 3};
        fs.write(3L * BS, plain);
        fs.write(10L * BS, magicBlock);
        fs.write(20L * BS + 5, plain);
        fs.sync();
        expected.put(tid(fs), List.of(new Logged(3, false), new Logged(10, true), new Logged(20, false)));
        fs.discard(3);
        fs.write(11L * BS, plain);
        fs.sync();
        expected.put(tid(fs), List.of(new Logged(11, false)));
        expectedRevokes.put(tid(fs), List.of(3L));
        List<Logged> big = new ArrayList<>();
        for (long b = 30; b < 160; b++) {
            fs.write(b * BS, b == 150 ? magicBlock : plain);
            big.add(new Logged(b, b == 150));
        }
        fs.sync();
        expected.put(tid(fs), big);
        fs.closeWithoutCheckpoint();

        Debugfs.Logdump dump = Debugfs.logdump(journalFile);
        assertEquals(List.copyOf(expected.keySet()), dump.committed(), dump.text());
        for (Map.Entry<Long, List<Logged>> e : expected.entrySet()) {
            List<Debugfs.Tag> tags = dump.tags().stream().filter(t -> t.sequence() == e.getKey()).toList();
            assertEquals(e.getValue(), tags.stream().map(t -> new Logged(t.fsBlock(), (t.flags() & JbdFormat.FLAG_ESCAPE) != 0))
                    .toList(), "tags of transaction " + e.getKey());
        }
        assertEquals(expectedRevokes, dump.revokes());
        assertEquals(2, dump.blocks().stream().filter(f -> f.type() == JbdFormat.DESCRIPTOR_BLOCK
                && f.sequence() == expected.keySet().stream().reduce((a, b) -> b).orElseThrow()).count(),
                "130 tags need two 1 KiB descriptors");
        checkE2fsckRules(journalFile, dump);
    }

    @Test
    void theWorkloadCommandsJournalIsReadByDebugfsAndMatchesOurRecovery(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        int status = Main.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "workload",
                "--dir", dir.toString(), "--writes", "3000", "--sync-every", "250", "--no-checkpoint",
                "--block-size", "1024", "--journal-blocks", "512", "--device-blocks", "300");
        assertEquals(0, status, out.toString());
        Debugfs.Logdump dump = Debugfs.logdump(dir.resolve("journal"));
        checkE2fsckRules(dir.resolve("journal"), dump);
        assertTrue(dump.committed().size() >= 2, dump.text());

        StringWriter recovered = new StringWriter();
        assertEquals(0, Main.run(new PrintWriter(recovered, true), new PrintWriter(new StringWriter(), true),
                "recover", "--dir", dir.toString()));
        Matcher m = Pattern.compile("replayed tid=(\\d+) log_block=(\\d+) log_blocks=\\d+ blocks=(\\d+)")
                .matcher(recovered.toString());
        List<Long> tids = new ArrayList<>();
        int blocks = 0;
        while (m.find()) {
            tids.add(Long.parseLong(m.group(1)));
            blocks += Integer.parseInt(m.group(3));
        }
        assertEquals(dump.committed(), tids, "debugfs and our recovery see the same transactions");
        assertEquals(dump.tags().size(), blocks, "every tag debugfs lists was replayed");
    }

    private static FileBlocks formatted(Path file) throws Exception {
        FileBlocks journal = FileBlocks.create(file, BS, 1024);
        Journal.format(journal, new byte[] {9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 1, 2, 3, 4, 5, 6});
        return journal;
    }

    private static long tid(JournaledFs fs) {
        return Integer.toUnsignedLong(fs.journal().commitSequence());
    }

    /** The rules e2fsck's recovery relies on, checked on the raw blocks debugfs located. */
    private static void checkE2fsckRules(Path journalFile, Debugfs.Logdump dump) throws Exception {
        byte[] raw = Files.readAllBytes(journalFile);
        JournalSuperblock sb = JournalSuperblock.parse(Arrays.copyOf(raw, BS));
        int bs = sb.blockSize();
        Debugfs.Found firstFound = dump.blocks().get(0);
        assertEquals(sb.start(), firstFound.journalBlock(), "s_start points at the first transaction");
        assertEquals(Integer.toUnsignedLong(sb.sequence()), firstFound.sequence(), "s_sequence is its tid");
        assertEquals(1, Be32.get(raw, 0x40), "s_nr_users");
        boolean anyRevoke = dump.blocks().stream().anyMatch(f -> f.type() == JbdFormat.REVOKE_BLOCK);
        assertEquals(anyRevoke, (sb.featureIncompat() & JbdFormat.FEATURE_INCOMPAT_REVOKE) != 0,
                "REVOKE feature set exactly when revoke blocks exist");
        assertEquals(0, sb.featureIncompat() & ~JbdFormat.FEATURE_INCOMPAT_REVOKE);
        assertEquals(0, sb.featureCompat());

        long previous = -1;
        for (Debugfs.Found f : dump.blocks()) {
            byte[] block = Arrays.copyOfRange(raw, f.journalBlock() * bs, (f.journalBlock() + 1) * bs);
            assertEquals(f.sequence(), Integer.toUnsignedLong(BlockHeader.sequence(block)));
            assertTrue(previous == -1 || f.sequence() == previous || f.sequence() == previous + 1, "tids go up by one");
            previous = f.sequence();
            if (f.type() == JbdFormat.COMMIT_BLOCK) {
                assertArrayEquals(new byte[bs - 12], Arrays.copyOfRange(block, 12, bs), "commit block is zero after the header");
            } else if (f.type() == JbdFormat.REVOKE_BLOCK) {
                int used = Be32.get(block, 12);
                assertEquals(16 + 4 * dump.revokes().get(f.sequence()).size(), used, "r_count includes the header");
            } else if (f.type() == JbdFormat.DESCRIPTOR_BLOCK) {
                checkDescriptor(raw, bs, f, dump);
            }
        }
    }

    private static void checkDescriptor(byte[] raw, int bs, Debugfs.Found descriptor, Debugfs.Logdump dump) {
        List<Debugfs.Tag> tags = dump.tags().stream()
                .filter(t -> t.sequence() == descriptor.sequence() && t.descriptor() == descriptor.journalBlock())
                .toList();
        assertTrue(!tags.isEmpty(), "descriptor at journal block " + descriptor.journalBlock() + " has tags");
        for (int n = 0; n < tags.size(); n++) {
            Debugfs.Tag t = tags.get(n);
            assertEquals(n == tags.size() - 1, (t.flags() & JbdFormat.FLAG_LAST_TAG) != 0,
                    "LAST_TAG on the last tag only, descriptor " + descriptor.journalBlock());
            assertEquals(n == 0, (t.flags() & JbdFormat.FLAG_SAME_UUID) == 0, "only the first tag carries a UUID");
            int copy = t.journalBlock() * bs;
            if ((t.flags() & JbdFormat.FLAG_ESCAPE) != 0) {
                assertEquals(0, Be32.get(raw, copy), "an escaped copy has its magic zeroed");
            } else {
                assertTrue(Be32.get(raw, copy) != JbdFormat.MAGIC, "a copy starting with the magic must be escaped");
            }
        }
    }
}
