package dev.slabagent.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** The CLI against real child JVMs: the slabinfo table, --help, and every error path's one line and exit code 2. */
@Timeout(120)
class SlabCliTest {

    private static ChildJvm withAgent;

    /** The outcome of one CLI run. */
    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void startJvmWithCaches() throws Exception {
        withAgent = ChildJvm.java(CacheHostMain.class, "monitored");
    }

    @AfterAll
    static void stopJvm() {
        withAgent.close();
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = SlabCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static void assertOneLineError(Run r, String expected) {
        assertEquals(2, r.exit(), r.toString());
        assertEquals("", r.out());
        assertEquals(expected + System.lineSeparator(), r.err());
    }

    @Test
    void slabinfoPrintsTheTableOfAJvmRunningTheAgent() {
        Run r = run("slabinfo", Long.toString(withAgent.pid()));
        assertEquals(0, r.exit(), r.err());
        assertEquals(CacheHostMain.EXPECTED_SLABINFO, r.out());
        assertEquals("", r.err());
    }

    @Test
    void slabinfoOfAJvmWithoutTheAgentIsOneLineAndExit2() throws Exception {
        try (ChildJvm plain = ChildJvm.java(CacheHostMain.class, "plain")) {
            assertOneLineError(run("slabinfo", Long.toString(plain.pid())), "slab-agent slabinfo: JVM " + plain.pid()
                    + " has no slab-agent (start it with -javaagent:slab-agent.jar=CONFIG or use attach)");
        }
    }

    @Test
    void slabinfoOfAProcessThatIsNotAJvmIsOneLineAndExit2() throws Exception {
        try (ChildJvm sleep = ChildJvm.process("sleep", "60")) {
            assertOneLineError(run("slabinfo", Long.toString(sleep.pid())),
                    "slab-agent slabinfo: PID " + sleep.pid() + " is not a Java VM this user can attach to");
        }
    }

    @Test
    void slabinfoOfABadPidIsOneLineAndExit2() {
        assertOneLineError(run("slabinfo", "abc"), "slab-agent slabinfo: not a process id: 'abc'");
        assertOneLineError(run("slabinfo", "0"), "slab-agent slabinfo: not a process id: '0'");
        long none = Integer.MAX_VALUE; // above Linux's pid_max (2^22)
        assertOneLineError(run("slabinfo", Long.toString(none)), "slab-agent slabinfo: no process with PID " + none);
    }

    @Test
    void usageMistakesAreOneLineAndExit2() {
        assertOneLineError(run("slabinfo"), "slab-agent slabinfo: Missing required parameter: 'PID' (see --help)");
        assertOneLineError(run(), "slab-agent: missing command (one of: slabinfo) (see --help)");
        assertOneLineError(run("slabtop"), "slab-agent: Unmatched argument at index 0: 'slabtop' (see --help)");
        assertOneLineError(run("slabinfo", "1", "2"),
                "slab-agent slabinfo: Unmatched argument at index 2: '2' (see --help)");
    }

    @Test
    void helpWorksOnEveryCommand() {
        Run top = run("--help");
        assertEquals(0, top.exit());
        assertTrue(top.out().startsWith("Usage: slab-agent [-h] [COMMAND]"), top.out());
        assertTrue(top.out().contains("slabinfo"), top.out());
        Run slabinfo = run("slabinfo", "--help");
        assertEquals(0, slabinfo.exit());
        assertTrue(slabinfo.out().startsWith("Usage: slab-agent slabinfo [-h] PID"), slabinfo.out());
        assertTrue(slabinfo.out().contains("Process id of the JVM."), slabinfo.out());
    }
}
