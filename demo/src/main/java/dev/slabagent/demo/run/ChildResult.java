package dev.slabagent.demo.run;

import java.util.List;

/** What a child JVM did: its command line, exit code and whole output. */
public record ChildResult(List<String> command, int exitCode, String stdout, String stderr) {

    /** The command line as one shell-like string. */
    public String commandLine() {
        return String.join(" ", command);
    }

    /**
     * This result, if the child exited with 0.
     *
     * @throws IllegalStateException naming the command, its exit code and its stderr otherwise
     */
    public ChildResult requireSuccess() {
        if (exitCode != 0) {
            throw new IllegalStateException("child JVM exited with " + exitCode + ": " + commandLine()
                    + System.lineSeparator() + stderr.strip());
        }
        return this;
    }
}
