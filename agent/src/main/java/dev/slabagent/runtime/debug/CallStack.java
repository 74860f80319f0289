package dev.slabagent.runtime.debug;

/**
 * Where something happened to a tracked object (its allocation, release or a bad access): a stack captured when
 * it happened and printed only if a bug is reported, without the agent's own frames on top.
 */
final class CallStack extends Throwable {

    private static final long serialVersionUID = 1L;

    CallStack() {
        super(null, null, false, true);
    }

    /** The frames below the agent's runtime and method handle plumbing, one {@code \tat FRAME} line each. */
    String frames() {
        StackTraceElement[] frames = getStackTrace();
        int first = 0;
        while (first < frames.length && isPlumbing(frames[first].getClassName())) {
            first++;
        }
        StringBuilder out = new StringBuilder();
        for (int i = first; i < frames.length; i++) {
            out.append("\n\tat ").append(frames[i]);
        }
        return out.toString();
    }

    private static boolean isPlumbing(String className) {
        return className.startsWith("dev.slabagent.runtime.") || className.startsWith("java.lang.invoke.");
    }
}
