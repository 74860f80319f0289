package dev.slabagent.agent.config;

/**
 * Where objects of a cache die ({@code slab.NAME.release=Owner#method:ARG}): when {@code owner.method} returns,
 * normally or by exception, its argument {@code argIndex} (0-based; {@link #THIS} for the receiver) is freed.
 *
 * @param owner    binary name of the class declaring the method
 * @param method   the method's name (every overload of that name is a release point)
 * @param argIndex 0-based parameter index, or {@link #THIS}
 */
public record ReleasePoint(String owner, String method, int argIndex) {

    /** {@link #argIndex()} meaning the receiver ({@code :this}). */
    public static final int THIS = -1;

    /** True if the receiver is the released object. */
    public boolean releasesThis() {
        return argIndex == THIS;
    }

    @Override
    public String toString() {
        return owner + "#" + method + ":" + (releasesThis() ? "this" : Integer.toString(argIndex));
    }
}
