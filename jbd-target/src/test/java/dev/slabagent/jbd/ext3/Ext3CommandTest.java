package dev.slabagent.jbd.ext3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slabagent.jbd.cli.Main;
import dev.slabagent.jbd.e2fs.E2fsprogs;
import dev.slabagent.jbd.ext3.Ext3Fixture.Geometry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The {@code ext3} command as a user runs it: then {@code e2fsck -fy IMG} and {@code debugfs -R 'cat /PATH' IMG}. */
class Ext3CommandTest {

    @TempDir
    Path dir;

    /** Output and exit status of one command line. */
    private record Run(int exit, String out, String err) {
    }

    @ParameterizedTest
    @EnumSource(Geometry.class)
    void crashRunIsReplayedByE2fsckToTheExpectedContent(Geometry g) throws Exception {
        Ext3Fixture fx = Ext3Fixture.create(dir, g);
        Path expect = dir.resolve("expect");
        Run run = main("ext3", "--image", fx.image().toString(), "--file", Ext3Fixture.PATH, "--writes", "400",
                "--seed", "5", "--crash", "--expect", expect.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().matches("writes=400 commits=\\d+ first_tid=2 last_tid=\\d+ recovered=0 needs_recovery=yes\\n"),
                run.out());
        byte[] expected = Files.readAllBytes(expect);
        assertEquals(fx.content().length, expected.length, "--expect holds the whole file");
        assertFalse(java.util.Arrays.equals(expected, fx.homeContent()), "the crash left the writes in the journal only");
        E2fsprogs.Result fsck = E2fsprogs.run("e2fsck", "-fy", fx.image().toString());
        assertEquals(0, fsck.exit(), fsck.all());
        assertTrue(fsck.all().contains("recovering journal"), fsck.all());
        assertEquals(0, E2fsprogs.run("e2fsck", "-fn", fx.image().toString()).exit());
        assertArrayEquals(expected, E2fsprogs.cat(fx.image(), Ext3Fixture.PATH));
    }

    @Test
    void cleanRunLeavesTheWritesHomeAndSameSeedGivesTheSameImage() throws Exception {
        Ext3Fixture fx = Ext3Fixture.create(dir, Geometry.SMALL_BLOCKS);
        Path copy = dir.resolve("copy");
        Files.copy(fx.image(), copy);
        Path expect = dir.resolve("expect");
        String[] args = {"--file", Ext3Fixture.PATH, "--writes", "250", "--seed", "11", "--expect", expect.toString()};
        Run run = main(concat("ext3", "--image", fx.image().toString(), args));
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().endsWith(" needs_recovery=no\n"), run.out());
        assertEquals(0, main(concat("ext3", "--image", copy.toString(), args)).exit());
        assertArrayEquals(Files.readAllBytes(fx.image()), Files.readAllBytes(copy), "runs repeat byte for byte");
        E2fsprogs.Result fsck = E2fsprogs.run("e2fsck", "-fn", fx.image().toString());
        assertEquals(0, fsck.exit(), fsck.all());
        assertArrayEquals(Files.readAllBytes(expect), fx.homeContent());
    }

    @Test
    void nextRunRecoversTheCrashOfThePreviousOne() throws Exception {
        Ext3Fixture fx = Ext3Fixture.create(dir, Geometry.SMALL_BLOCKS);
        String img = fx.image().toString();
        Path crashExpect = dir.resolve("crash-expect");
        Run crashed = main("ext3", "--image", img, "--file", Ext3Fixture.PATH, "--writes", "100", "--crash",
                "--expect", crashExpect.toString());
        Matcher commits = Pattern.compile("commits=(\\d+) ").matcher(crashed.out());
        assertTrue(commits.find(), crashed.out());
        Path expect = dir.resolve("expect");
        Run next = main("ext3", "--image", img, "--file", Ext3Fixture.PATH, "--writes", "0", "--expect", expect.toString());
        assertEquals(0, next.exit(), next.err());
        assertTrue(next.out().matches("writes=0 commits=0 first_tid=\\d+ last_tid=\\d+ recovered=" + commits.group(1)
                + " needs_recovery=no\n"), next.out());
        assertArrayEquals(Files.readAllBytes(crashExpect), Files.readAllBytes(expect), "our replay of our crash");
        assertArrayEquals(Files.readAllBytes(crashExpect), fx.homeContent());
        E2fsprogs.Result fsck = E2fsprogs.run("e2fsck", "-fn", img);
        assertEquals(0, fsck.exit(), fsck.all());
        assertFalse(fsck.all().contains("recovering"), fsck.all());
    }

    @Test
    void badArgumentsGiveUsageAndExit2AndAMissingFileIsNamed() throws Exception {
        Ext3Fixture fx = Ext3Fixture.create(dir, Geometry.SMALL_BLOCKS);
        String img = fx.image().toString();
        for (String[] args : new String[][] {
                {"ext3", "--file", "/d/data", "--writes", "3"},
                {"ext3", "--image", img, "--file", "/d/data", "--writes", "-1"},
                {"ext3", "--image", img, "--file", "d/data", "--writes", "3"},
                {"ext3", "--image", img, "--file", "/d/data", "--writes", "3", "--bogus"},
                {"ext3", "--image", img + ".missing", "--file", "/d/data", "--writes", "3"}}) {
            Run run = main(args);
            assertEquals(2, run.exit(), String.join(" ", args));
            assertTrue(run.err().contains("Usage:"), run.err());
        }
        Run missing = main("ext3", "--image", img, "--file", "/d/nope", "--writes", "3");
        assertEquals(1, missing.exit());
        assertEquals("error: ext3: " + img + ": no such file: /d/nope\n", missing.err());
        assertEquals(0, E2fsprogs.run("e2fsck", "-fn", img).exit(), "a failed run leaves the image clean");
    }

    @Test
    void anExt4ImageIsRefusedAndLeftAsItWas() throws Exception {
        Path img = dir.resolve("ext4.img");
        E2fsprogs.mkfs(img, "ext4", 4096, 16 * 1024);
        byte[] before = Files.readAllBytes(img);
        Run run = main("ext3", "--image", img.toString(), "--file", "/d/data", "--writes", "3");
        assertEquals(1, run.exit());
        assertEquals("error: ext3: " + img + " uses extents, 64bit or metadata_csum: only ext3 images are written"
                + " through the journal (recover --image replays ext4 journals)\n", run.err());
        assertArrayEquals(before, Files.readAllBytes(img));
    }

    private static Run main(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static String[] concat(String a, String b, String c, String[] rest) {
        String[] all = new String[3 + rest.length];
        all[0] = a;
        all[1] = b;
        all[2] = c;
        System.arraycopy(rest, 0, all, 3, rest.length);
        return all;
    }
}
