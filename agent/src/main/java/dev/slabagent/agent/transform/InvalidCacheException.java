package dev.slabagent.agent.transform;

/** A cache the agent leaves out; the message is the one line reported to the user. */
public final class InvalidCacheException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param line one line naming the key and the problem */
    public InvalidCacheException(String line) {
        super(line);
    }
}
