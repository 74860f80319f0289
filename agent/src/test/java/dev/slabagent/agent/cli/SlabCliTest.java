package dev.slabagent.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The CLI against real child JVMs, in process (no agent jar needed: attach itself is tested by {@code AttachIT}): the
 * slabinfo table, --help, and every error path's one line and exit code 2.
 */
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
        return run(null, args);
    }

    /** Runs the CLI in process, with {@code attach} loading {@code agentJar} (null: the jar the CLI runs from). */
    static Run run(Path agentJar, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = SlabCli.commandLine(agentJar);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    static void assertOneLineError(Run r, String expected) {
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

    /** Every command that takes a PID, with the arguments it needs after it. */
    private static final Map<String, List<String>> COMMANDS = commands();

    private static Map<String, List<String>> commands() {
        Map<String, List<String>> commands = new LinkedHashMap<>();
        commands.put("attach", List.of(existingConfig()));
        commands.put("detach", List.of());
        commands.put("enable", List.of("host_locked"));
        commands.put("disable", List.of("host_locked"));
        commands.put("debug", List.of("host_locked", "on"));
        commands.put("slabinfo", List.of());
        return commands;
    }

    private static String existingConfig() {
        return Path.of("..", "demo", "configs", "journal_handle.properties").toString();
    }

    private static Run run(String command, long pid, List<String> rest) {
        List<String> args = new ArrayList<>(List.of(command, Long.toString(pid)));
        args.addAll(rest);
        return run(args.toArray(String[]::new));
    }

    @Test
    void aJvmWithoutTheAgentIsOneLineAndExit2() throws Exception {
        try (ChildJvm plain = ChildJvm.java(CacheHostMain.class, "plain")) {
            for (String command : List.of("detach", "enable", "disable", "debug", "slabinfo")) {
                assertOneLineError(run(command, plain.pid(), COMMANDS.get(command)), "slab-agent " + command + ": JVM "
                        + plain.pid() + " has no slab-agent (start it with -javaagent:slab-agent.jar=CONFIG or use attach)");
            }
        }
    }

    @Test
    void aProcessThatIsNotAJvmIsOneLineAndExit2() throws Exception {
        try (ChildJvm sleep = ChildJvm.process("sleep", "60")) {
            COMMANDS.forEach((command, rest) -> assertOneLineError(run(command, sleep.pid(), rest),
                    "slab-agent " + command + ": PID " + sleep.pid() + " is not a Java VM this user can attach to"));
        }
    }

    @Test
    void aBadPidIsOneLineAndExit2() {
        long none = Integer.MAX_VALUE; // above Linux's pid_max (2^22)
        COMMANDS.forEach((command, rest) -> {
            List<String> abc = new ArrayList<>(List.of(command, "abc"));
            abc.addAll(rest);
            assertOneLineError(run(abc.toArray(String[]::new)), "slab-agent " + command + ": not a process id: 'abc'");
            assertOneLineError(run(command, 0, rest), "slab-agent " + command + ": not a process id: '0'");
            assertOneLineError(run(command, none, rest), "slab-agent " + command + ": no process with PID " + none);
        });
    }

    @Test
    void anUnknownCacheIsOneLineAndExit2() {
        for (String command : List.of("enable", "disable", "debug")) {
            List<String> rest = command.equals("debug") ? List.of("nope", "on") : List.of("nope");
            assertOneLineError(run(command, withAgent.pid(), rest), "slab-agent " + command + ": JVM "
                    + withAgent.pid() + " has no cache 'nope' (caches: host_locked, host_magazine)");
        }
    }

    @Test
    void aBadDebugModeIsOneLineAndExit2() {
        assertOneLineError(run("debug", withAgent.pid(), List.of("host_locked", "loud")),
                "slab-agent debug: MODE not off, on or fail: 'loud'");
        assertOneLineError(run("debug", "1", "host_locked"), "slab-agent debug: Missing required parameter: 'MODE' (see --help)");
    }

    @Test
    void switchingWithoutAnInstallerIsOneLineAndExit2() {
        assertOneLineError(run("disable", withAgent.pid(), List.of("host_locked")), "slab-agent disable: JVM "
                + withAgent.pid() + ": host_locked: cannot be switched: no slab-agent installer in this JVM");
        assertOneLineError(run("detach", withAgent.pid(), List.of()),
                "slab-agent detach: JVM " + withAgent.pid() + ": no slab-agent installer in this JVM");
    }

    @Test
    void attachWithAMissingOrUnreadableConfigIsOneLineAndExit2(@TempDir Path dir) {
        Path missing = dir.resolve("nope.properties");
        assertOneLineError(run("attach", withAgent.pid(), List.of(missing.toString())),
                "slab-agent attach: config " + missing + ": no such file");
        assertOneLineError(run("attach", withAgent.pid(), List.of(dir.toString())),
                "slab-agent attach: config " + dir + ": not a readable file");
    }

    @Test
    void attachFromAClassesFolderAsksForTheAgentJar() {
        Run r = run("attach", withAgent.pid(), List.of(existingConfig()));
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().startsWith("slab-agent attach: attach needs the agent jar: run it as java -jar slab-agent.jar"
                + " attach PID CONFIG (this CLI runs from "), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void usageMistakesAreOneLineAndExit2() {
        assertOneLineError(run("slabinfo"), "slab-agent slabinfo: Missing required parameter: 'PID' (see --help)");
        assertOneLineError(run(), "slab-agent: missing command (one of: attach, detach, enable, disable, debug, slabinfo, ab)"
                + " (see --help)");
        assertOneLineError(run("slabtop"), "slab-agent: Unmatched argument at index 0: 'slabtop' (see --help)");
        assertOneLineError(run("slabinfo", "1", "2"),
                "slab-agent slabinfo: Unmatched argument at index 2: '2' (see --help)");
        assertOneLineError(run("attach", "1"), "slab-agent attach: Missing required parameter: 'CONFIG' (see --help)");
        assertOneLineError(run("enable", "1"), "slab-agent enable: Missing required parameter: 'NAME' (see --help)");
        assertOneLineError(run("detach"), "slab-agent detach: Missing required parameter: 'PID' (see --help)");
    }

    @Test
    void helpWorksOnEveryCommand() {
        Run top = run("--help");
        assertEquals(0, top.exit());
        assertTrue(top.out().startsWith("Usage: slab-agent [-h] [COMMAND]"), top.out());
        Map<String, String> usage = Map.of("attach", "[-h] PID CONFIG", "detach", "[-h] PID", "enable", "[-h] PID NAME",
                "disable", "[-h] PID NAME", "debug", "[-h] PID NAME MODE", "slabinfo", "[-h] PID");
        usage.forEach((command, synopsis) -> {
            assertTrue(top.out().contains("  " + command + " "), top.out());
            Run help = run(command, "--help");
            assertEquals(0, help.exit(), help.err());
            assertTrue(help.out().startsWith("Usage: slab-agent " + command + " " + synopsis), help.out());
            assertTrue(help.out().contains("Process id of the JVM."), help.out());
        });
    }
}
