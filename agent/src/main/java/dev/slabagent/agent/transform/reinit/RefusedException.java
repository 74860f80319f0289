package dev.slabagent.agent.transform.reinit;

/** A class whose objects cannot be recycled faithfully; the message is the one-line reason. */
public final class RefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param reason one line saying what in the class prevents recycling */
    public RefusedException(String reason) {
        super(reason);
    }
}
