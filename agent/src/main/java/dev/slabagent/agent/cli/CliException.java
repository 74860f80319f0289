package dev.slabagent.agent.cli;

/** A failure the CLI reports as one line on stderr with exit code {@value #EXIT_CODE}. */
final class CliException extends RuntimeException {

    /** Exit code for a bad PID, a JVM we cannot attach to or without the agent, or a bad config. */
    static final int EXIT_CODE = 2;

    private static final long serialVersionUID = 1L;

    CliException(String message) {
        super(message);
    }

    CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
