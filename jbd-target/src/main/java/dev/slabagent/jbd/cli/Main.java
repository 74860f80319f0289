package dev.slabagent.jbd.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Command line of jbd-target: {@code workload}, {@code recover}, {@code ext3}. Bad arguments print usage and exit 2. */
@Command(name = "jbd-target", mixinStandardHelpOptions = true,
        description = "A Java port of Linux JBD writing a real JBD journal.",
        subcommands = {WorkloadCommand.class, RecoverCommand.class, Ext3Command.class})
public final class Main implements Runnable {
    @Spec
    private CommandSpec spec;

    /** SLF4J's own switch for its internal notices, such as the one about running without a binding. */
    static final String SLF4J_VERBOSITY = "slf4j.internal.verbosity";

    /**
     * Runs the command line and exits with its status. jbd-target ships no SLF4J binding, so under
     * {@code java -jar} its log goes nowhere; SLF4J's notice saying so is turned off unless
     * {@value #SLF4J_VERBOSITY} is set. A binding on the class path ({@code -cp}) logs as usual.
     */
    public static void main(String[] args) {
        if (System.getProperty(SLF4J_VERBOSITY) == null) {
            System.setProperty(SLF4J_VERBOSITY, "ERROR");
        }
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line with the given streams and returns the exit status (0 ok, 1 failure, 2 usage). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("error: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            return 1;
        });
        return cli.execute(args);
    }

    /** Without a subcommand: usage on stderr, status 2. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }
}
