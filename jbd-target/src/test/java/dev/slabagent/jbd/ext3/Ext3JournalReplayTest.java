package dev.slabagent.jbd.ext3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slabagent.jbd.JournalOptions;
import dev.slabagent.jbd.disk.JbdFormat;
import dev.slabagent.jbd.e2fs.Debugfs;
import dev.slabagent.jbd.e2fs.E2fsprogs;
import dev.slabagent.jbd.ext3.Ext3Fixture.Geometry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our journal inside real ext3 images, checked with e2fsprogs: e2fsck replays what we committed, our recovery
 * replays what debugfs committed, a clean close leaves nothing to replay, and logdump lists our transactions.
 */
class Ext3JournalReplayTest {

    private static final Pattern JOURNAL_START = Pattern.compile("Journal starts at block (\\d+), transaction (\\d+)");
    private static final int DESCRIPTOR = 1;
    private static final int FILLER_WRITES = 20;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Geometry.class)
    void crashThenE2fsckReplaysExactlyWhatWasCommitted(Geometry g) throws Exception {
        Ext3Fixture fx = Ext3Fixture.create(dir, g);
        byte[] expected = fx.content().clone();
        List<Integer> tids = new ArrayList<>();
        int revoked = fx.blocks().length - 2;
        byte[] revokedContent;
        int bigTid;
        OverwritePlan contents = new OverwritePlan(g.blockSize, 1, g.blockSize);
        SplittableRandom pick = new SplittableRandom(g.blockSize);
        Ext3Mount mount = Ext3Mount.open(fx.image(), options(g));
        try {
            int logSize;
            try (Ext3Image img = Ext3Image.open(fx.image(), false)) {
                logSize = JournalInodeBlocks.of(img).journalBlocks() - 1;
            }
            int big = g.tagsPerDescriptor() + 5;
            int bigLogBlocks = big + 2 + 1;
            long logUsed = 0;
            // Small transactions until the big one straddles the end of the log: the live log then wraps.
            while (logUsed + bigLogBlocks / 2 < logSize) {
                int[] chosen = pick.ints(0, fx.blocks().length).filter(b -> b != revoked).distinct()
                        .limit(FILLER_WRITES).toArray();
                for (int logical : chosen) {
                    write(mount, fx, expected, logical, contents.next().content());
                }
                tids.add(commit(mount));
                logUsed += FILLER_WRITES + 2;
            }
            for (int logical = 0; logical < big; logical++) {
                write(mount, fx, expected, logical, contents.next().content());
            }
            bigTid = commit(mount);
            tids.add(bigTid);
            revokedContent = contents.next().content();
            write(mount, fx, expected, revoked, revokedContent);
            tids.add(commit(mount));
            mount.fs().discard(fx.blocks()[revoked]);
            tids.add(commit(mount));
            for (int logical = big; logical < big + 7; logical++) {
                write(mount, fx, expected, logical, contents.next().content());
            }
            tids.add(commit(mount));
        } finally {
            mount.closeWithoutCheckpoint();
        }

        // The revoke means "do not replay": the block keeps whatever is home now, which is not the revoked copy.
        byte[] home = fx.homeContent();
        int revokedAt = revoked * g.blockSize;
        System.arraycopy(home, revokedAt, expected, revokedAt, g.blockSize);
        assertFalse(Arrays.equals(revokedContent, Arrays.copyOfRange(home, revokedAt, revokedAt + g.blockSize)),
                "the revoked copy never reached its home block");
        assertFalse(Arrays.equals(expected, home), "the crash left committed data only in the journal");
        assertTrue(E2fsprogs.debugfs(fx.image(), "features").contains("needs_recovery"));

        Debugfs.Logdump dump = Debugfs.logdumpImage(fx.image());
        Matcher start = JOURNAL_START.matcher(dump.text());
        assertTrue(start.find(), dump.text());
        int startBlock = Integer.parseInt(start.group(1));
        int startTid = Integer.parseInt(start.group(2));
        assertTrue(startBlock > 0, "s_start is set after a crash");
        long bigDescriptors = dump.blocks().stream()
                .filter(f -> f.type() == DESCRIPTOR && f.sequence() == bigTid).count();
        boolean wrapped = dump.blocks().stream().anyMatch(f -> f.journalBlock() < startBlock);
        assertEquals(tids.subList(tids.indexOf(startTid), tids.size()).stream().map(Integer::longValue).toList(),
                dump.committed(), "logdump lists our live transactions with our sequence numbers");
        assertTrue(bigDescriptors >= 2, "transaction " + bigTid + " has " + bigDescriptors + " descriptor blocks");
        assertTrue(wrapped, "the live log wraps past the end of the journal");
        assertTrue(dump.revokes().values().stream().anyMatch(r -> r.contains(fx.blocks()[revoked])), dump.text());
        assertTrue(dump.tags().stream().anyMatch(t -> (t.flags() & 1) != 0),
                "some logged block was escaped (it began with the JBD magic)");

        Path ours = dir.resolve("ours");
        Files.copy(fx.image(), ours, StandardCopyOption.REPLACE_EXISTING);
        long size = Files.size(fx.image());
        E2fsprogs.Result fsck = E2fsprogs.run("e2fsck", "-fy", fx.image().toString());
        assertEquals(0, fsck.exit(), fsck.all());
        assertTrue(fsck.all().contains("recovering journal"), fsck.all());
        assertEquals(size, Files.size(fx.image()), "replay wrote nothing past the end of the image");
        assertClean(fx.image());
        assertArrayEquals(expected, E2fsprogs.cat(fx.image(), Ext3Fixture.PATH));

        // Our own recovery of the same crashed image gives the same bytes.
        try (Ext3Mount again = Ext3Mount.open(ours, options(g))) {
            assertEquals(dump.committed().size(), again.fs().journal().recovery().transactions().size());
        }
        assertClean(ours);
        assertArrayEquals(expected, E2fsprogs.cat(ours, Ext3Fixture.PATH));
    }

    @ParameterizedTest
    @EnumSource(Geometry.class)
    void ourRecoveryOfADebugfsJournalMatchesE2fsck(Geometry g) throws Exception {
        Ext3Fixture fx = Ext3Fixture.create(dir, g);
        long[] b = fx.blocks();
        int bs = g.blockSize;
        byte[] first = randomBlocks(3, bs, 1);
        ByteBuffer.wrap(first).putInt(0, JbdFormat.MAGIC);         // block 0: escaped by debugfs, never overwritten
        byte[] second = randomBlocks(2, bs, 2);
        byte[] uncommitted = randomBlocks(1, bs, 3);
        E2fsprogs.debugfsWrite(fx.image(), "jo",
                "jw -b " + b[0] + "," + b[1] + "," + b[2] + " " + write("first", first),
                "jw -b " + b[1] + "," + b[3] + " " + write("second", second),
                "jw -r " + b[2] + " /dev/null",
                "jw -b " + b[4] + " -c " + write("uncommitted", uncommitted),
                "jc");
        assertTrue(E2fsprogs.debugfs(fx.image(), "features").contains("needs_recovery"));
        assertTrue(Debugfs.logdumpImage(fx.image()).tags().stream().anyMatch(t -> t.fsBlock() == b[0] && (t.flags() & 1) != 0),
                "debugfs journaled block " + b[0] + " escaped (it begins with the JBD magic)");
        Path theirs = dir.resolve("theirs");
        Files.copy(fx.image(), theirs);
        E2fsprogs.Result fsck = E2fsprogs.run("e2fsck", "-fy", theirs.toString());
        assertEquals(0, fsck.exit(), fsck.all());

        try (Ext3Mount mount = Ext3Mount.open(fx.image(), options(g))) {
            assertEquals(3, mount.fs().journal().recovery().transactions().size(), "three committed transactions");
        }
        assertClean(fx.image());
        byte[] replayed = E2fsprogs.cat(fx.image(), Ext3Fixture.PATH);
        assertArrayEquals(E2fsprogs.cat(theirs, Ext3Fixture.PATH), replayed, "same bytes as e2fsck -fy");
        byte[] expected = fx.content().clone();
        System.arraycopy(first, 0, expected, 0, 2 * bs);           // blocks 0, 1 (1 later overwritten)
        System.arraycopy(second, 0, expected, bs, bs);             // block 1
        System.arraycopy(second, bs, expected, 3 * bs, bs);        // block 3; block 2 revoked, block 4 uncommitted
        assertArrayEquals(expected, replayed);
        assertEquals(JbdFormat.MAGIC, ByteBuffer.wrap(replayed).getInt(0), "the escaped block was replayed with its magic");
    }

    @ParameterizedTest
    @EnumSource(Geometry.class)
    void cleanCloseLeavesACleanFileSystemAndAnEmptyJournal(Geometry g) throws Exception {
        Ext3Fixture fx = Ext3Fixture.create(dir, g);
        FileOverwrite.Result result;
        int lastTid;
        try (Ext3Mount mount = Ext3Mount.open(fx.image(), options(g))) {
            result = FileOverwrite.run(mount, Ext3Fixture.PATH, 3L * fx.blocks().length, 9);
            assertTrue(mount.image().superblock().needsRecovery(), "needs_recovery is set while transactions are live");
            lastTid = mount.fs().journal().commitSequence();
        }
        assertFalse(E2fsprogs.debugfs(fx.image(), "features").contains("needs_recovery"));
        assertEquals("0", E2fsprogs.dumpe2fsField(fx.image(), "Journal start"));
        assertEquals(String.format("0x%08x", lastTid + 1), E2fsprogs.dumpe2fsField(fx.image(), "Journal sequence"));
        E2fsprogs.Result fsck = assertClean(fx.image());
        assertFalse(fsck.all().contains("recovering"), fsck.all());
        assertArrayEquals(result.expected(), fx.homeContent(), "everything was checkpointed home");
        assertArrayEquals(result.expected(), E2fsprogs.cat(fx.image(), Ext3Fixture.PATH));
    }

    private static JournalOptions options(Geometry g) {
        return JournalOptions.defaults().withCommitInterval(0).withMaxTransactionBuffers(g.maxTransactionBuffers);
    }

    private static void write(Ext3Mount mount, Ext3Fixture fx, byte[] expected, int logical, byte[] content)
            throws IOException {
        mount.writeBlock(fx.blocks()[logical], content);
        int at = logical * content.length;
        System.arraycopy(content, 0, expected, at, Math.min(content.length, expected.length - at));
    }

    private static int commit(Ext3Mount mount) throws IOException {
        mount.fs().sync();
        return mount.fs().journal().commitSequence();
    }

    private static E2fsprogs.Result assertClean(Path image) throws IOException, InterruptedException {
        E2fsprogs.Result fsck = E2fsprogs.run("e2fsck", "-fn", image.toString());
        assertEquals(0, fsck.exit(), fsck.all());
        return fsck;
    }

    private static byte[] randomBlocks(int count, int blockSize, long seed) {
        byte[] blocks = new byte[count * blockSize];
        new SplittableRandom(seed).nextBytes(blocks);
        return blocks;
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }
}
