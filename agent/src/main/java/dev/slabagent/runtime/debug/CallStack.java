package dev.slabagent.runtime.debug;

/**
 * Where something happened to a tracked object (its allocation, release or a bad access): a stack captured when
 * it happened and printed only if a bug is reported, without the agent's own frames on top.
 */
public final class CallStack extends Throwable {

    private static final long serialVersionUID = 1L;

    /** Captures the current thread's stack. */
    public CallStack() {
        super(null, null, false, true);
    }

    /** The frames below the agent's runtime and method handle plumbing, one {@code \tat FRAME} line each. */
    String frames() {
        StringBuilder out = new StringBuilder();
        for (StackTraceElement frame : ownFrames()) {
            out.append("\n\tat ").append(frame);
        }
        return out.toString();
    }

    /** The top {@code max} frames below the agent's, on one line: {@code FRAME <- CALLER <- ...}. */
    public String oneLine(int max) {
        StringBuilder out = new StringBuilder();
        StackTraceElement[] frames = ownFrames();
        for (int i = 0; i < Math.min(max, frames.length); i++) {
            out.append(i == 0 ? "" : " <- ").append(frames[i]);
        }
        return frames.length > max ? out.append(" <- ...").toString() : out.toString();
    }

    private StackTraceElement[] ownFrames() {
        StackTraceElement[] frames = getStackTrace();
        int first = 0;
        while (first < frames.length && isPlumbing(frames[first].getClassName())) {
            first++;
        }
        return java.util.Arrays.copyOfRange(frames, first, frames.length);
    }

    private static boolean isPlumbing(String className) {
        return className.startsWith("dev.slabagent.runtime.") || className.startsWith("java.lang.invoke.");
    }
}
