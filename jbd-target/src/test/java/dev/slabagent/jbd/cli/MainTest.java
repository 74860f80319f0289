package dev.slabagent.jbd.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    private static final Pattern RESULT = Pattern.compile(
            "writes=(\\d+) threads=(\\d+) us_per_write=(\\d+\\.\\d{3}) commits=(\\d+)\\n");

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString());
    }

    private static Run workload(Path dir, String... extra) {
        String[] base = {"workload", "--dir", dir.toString(), "--writes", "4000", "--block-size", "1024",
            "--journal-blocks", "256", "--device-blocks", "128", "--sync-every", "700"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return run(args);
    }

    @Test
    void workloadPrintsOneResultLineAndIsByteIdenticalForTheSameArguments(@TempDir Path dir) throws Exception {
        Run first = workload(dir.resolve("a"), "--seed", "42");
        Run second = workload(dir.resolve("b"), "--seed", "42");
        assertEquals(0, first.status(), first.err());
        Matcher m = RESULT.matcher(first.out());
        assertTrue(m.matches(), first.out());
        assertEquals("4000", m.group(1));
        assertEquals("1", m.group(2));
        assertTrue(Integer.parseInt(m.group(4)) >= 4000 / 700, "at least one commit per sync: " + first.out());
        Matcher m2 = RESULT.matcher(second.out());
        assertTrue(m2.matches());
        assertEquals(m.group(4), m2.group(4), "same number of commits");
        for (String file : new String[] {"journal", "device"}) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(file)),
                    Files.readAllBytes(dir.resolve("b").resolve(file)), file + " differs between identical runs");
        }
        Run otherSeed = workload(dir.resolve("c"), "--seed", "43");
        assertEquals(0, otherSeed.status());
        assertTrue(!Arrays.equals(Files.readAllBytes(dir.resolve("a").resolve("device")),
                Files.readAllBytes(dir.resolve("c").resolve("device"))), "the seed changes the workload");
    }

    @Test
    void multiThreadedWorkloadWritesEverything(@TempDir Path dir) {
        Run r = workload(dir, "--threads", "2");
        assertEquals(0, r.status(), r.err());
        Matcher m = RESULT.matcher(r.out());
        assertTrue(m.matches(), r.out());
        assertEquals("2", m.group(2));
    }

    @Test
    void recoverReplaysWhatANoCheckpointRunLeftAndThenFindsNothing(@TempDir Path dir) {
        assertEquals(0, workload(dir, "--no-checkpoint").status());
        Run recovered = run("recover", "--dir", dir.toString());
        assertEquals(0, recovered.status(), recovered.err());
        assertTrue(recovered.out().matches("(?s)(replayed tid=\\d+ log_block=\\d+ log_blocks=\\d+ blocks=\\d+ revoked=0 "
                + "revoke_records=0\\n)+recovered transactions=[1-9]\\d* blocks=\\d+ revoked=0 end=\".*\"\\n"),
                recovered.out());
        Run again = run("recover", "--dir", dir.toString());
        assertTrue(again.out().startsWith("recovered transactions=0 blocks=0 revoked=0"), again.out());
    }

    @Test
    void badArgumentsPrintUsageAndExit2(@TempDir Path dir) {
        for (String[] args : new String[][] {{}, {"bogus"}, {"workload", "--dir", dir.toString()},
            {"workload", "--dir", dir.toString(), "--writes", "x"}, {"recover"}, {"recover", "--dir", "d", "--nope"}}) {
            Run r = run(args);
            assertEquals(2, r.status(), String.join(" ", args));
            assertTrue(r.err().contains("Usage: "), r.err());
        }
    }

    @Test
    void aCorruptJournalIsAOneLineError(@TempDir Path dir) throws Exception {
        assertEquals(0, workload(dir, "--no-checkpoint").status());
        byte[] journal = Files.readAllBytes(dir.resolve("journal"));
        journal[0] = 0;
        Files.write(dir.resolve("journal"), journal);
        Run r = run("recover", "--dir", dir.toString());
        assertEquals(1, r.status());
        assertEquals("error: journal block 0: bad magic 0x003b3998\n", r.err());
    }
}
