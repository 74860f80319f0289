package dev.slabagent.agent;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The agent's argument string: the config file's path, as in {@code -javaagent:slab-agent.jar=CONFIG}. The
 * {@code attach} command adds a second line, {@code outcome=FILE}, naming a file it made for the install's
 * {@link AttachOutcome}: it reads the outcome there instead of starting the JVM's management agent to ask for it.
 *
 * @param config  the config file's path as given (blank or {@code null} if none)
 * @param outcome the file to write the outcome to, or {@code null}
 */
public record AgentArgs(String config, Path outcome) {

    private static final String OUTCOME = "\noutcome=";

    /** Splits an agent argument string; an outcome file that is not a path is ignored (the CLI then asks the MBeans). */
    public static AgentArgs parse(String args) {
        int at = args == null ? -1 : args.lastIndexOf(OUTCOME);
        if (at < 0) {
            return new AgentArgs(args, null);
        }
        Path outcome;
        try {
            outcome = Path.of(args.substring(at + OUTCOME.length()));
        } catch (InvalidPathException e) {
            outcome = null;
        }
        return new AgentArgs(args.substring(0, at), outcome);
    }

    /** The argument string for {@code VirtualMachine.loadAgent}, which {@link #parse} reads back. */
    public String format() {
        return outcome == null ? config : config + OUTCOME + outcome;
    }
}
