package dev.slabagent.ab;

/** A problem that ends the {@code ab} command with one line and exit code 2 (bad input, a command that never ran). */
public final class AbFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message the one line, naming the problem */
    public AbFailure(String message) {
        super(message);
    }
}
