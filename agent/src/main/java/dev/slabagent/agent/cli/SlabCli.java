package dev.slabagent.agent.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The command-line tool ({@code java -jar slab-agent.jar ...}, the jar's Main-Class). Usage mistakes and the
 * failures of {@link CliException} print one line on stderr and exit with {@value CliException#EXIT_CODE};
 * {@code --help} works on every subcommand.
 */
@Command(name = "slab-agent",
        description = "Kernel-style slab caches for the JVM: attach to a running JVM, switch its caches on and off, "
                + "read its slabinfo.",
        subcommands = {AttachCommand.class, DetachCommand.class, SwitchCommand.Enable.class,
                SwitchCommand.Disable.class, SwitchCommand.Debug.class, SlabinfoCommand.class, AbCommand.class})
public final class SlabCli implements Runnable {

    /** Exit code of an unexpected failure (a bug), as opposed to a usage or target problem. */
    static final int EXIT_BUG = 1;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help.")
    boolean help;

    @Spec
    CommandSpec spec;

    private final Path agentJar;

    private SlabCli(Path agentJar) {
        this.agentJar = agentJar;
    }

    /** The agent jar {@code attach} loads: the one given to {@link #commandLine(Path)}, else the jar the CLI runs from. */
    Path agentJar() {
        return agentJar != null ? agentJar : AgentJar.of(SlabCli.class);
    }

    /** Without a subcommand: a usage mistake. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command (one of: "
                + String.join(", ", spec.subcommands().keySet()) + ")");
    }

    /** The configured command line: one-line errors and the exit codes above. */
    public static CommandLine commandLine() {
        return commandLine(null);
    }

    /**
     * The command line with {@code attach} loading {@code agentJar} (tests run the CLI from a classes folder).
     *
     * @param agentJar the agent jar, or {@code null} for the jar the CLI runs from
     */
    static CommandLine commandLine(Path agentJar) {
        CommandLine cli = new CommandLine(new SlabCli(agentJar));
        cli.setParameterExceptionHandler(SlabCli::usageMistake);
        cli.setExecutionExceptionHandler(SlabCli::failure);
        return cli;
    }

    /**
     * Runs the tool and exits with its code.
     *
     * @param args the command and its arguments, e.g. {@code slabinfo 1234}
     */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    private static int usageMistake(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println(prefix(cmd) + e.getMessage() + " (see --help)");
        cmd.getErr().flush();
        return CliException.EXIT_CODE;
    }

    private static int failure(Exception e, CommandLine cmd, ParseResult parsed) {
        if (e instanceof CliException) {
            cmd.getErr().println(prefix(cmd) + e.getMessage());
            cmd.getErr().flush();
            return CliException.EXIT_CODE;
        }
        cmd.getErr().println(prefix(cmd) + "unexpected failure: " + e);
        cmd.getErr().flush();
        return EXIT_BUG;
    }

    /** {@code slab-agent: } or {@code slab-agent slabinfo: }. */
    private static String prefix(CommandLine cmd) {
        return cmd.getCommandSpec().qualifiedName() + ": ";
    }
}
