package dev.slabagent.agent.transform;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.invoke.MethodHandle;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the exits of a release method: hands the released object (an argument or {@code this}, bound per
 * method) to the release point's handle from {@link dev.slabagent.runtime.alloc.Release}. By default only a normal
 * return releases ({@code slab.NAME.onthrow=keep}): a method may throw because the object is misused, e.g.
 * stopped twice, and freeing it then would put it into the cache a second time. With {@code onthrow=free} an exit
 * by exception releases too. Nothing the advice throws reaches the host program, except in {@code debug=fail}.
 */
final class ReleaseAdvice {

    private ReleaseAdvice() {
    }

    /** The advice class for a release point: whether the debugger's exceptions reach the caller, and onthrow. */
    static Class<?> of(boolean failing, boolean freeOnThrow) {
        if (failing) {
            return freeOnThrow ? Failing.class : FailingOnReturn.class;
        }
        return freeOnThrow ? ReleaseAdvice.class : OnReturn.class;
    }

    /** The release point's {@code (Object)void} handle: a dynamic constant, or looked up by id. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @interface Releaser {
    }

    /** The released object: bound to the configured argument or to {@code this}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @interface Released {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Releaser MethodHandle releaser, @Released Object released) throws Throwable {
        releaser.invokeExact(released);
    }

    /** Releases on a normal return only ({@code onthrow=keep}). */
    static final class OnReturn {

        private OnReturn() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Releaser MethodHandle releaser, @Released Object released) throws Throwable {
            releaser.invokeExact(released);
        }
    }

    /**
     * The release code of a cache debugged with {@code debug=fail}: the same call, but what it throws (the
     * debugger's {@link IllegalStateException} for a double free) reaches the caller of the release method.
     */
    static final class Failing {

        private Failing() {
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Releaser MethodHandle releaser, @Released Object released) throws Throwable {
            releaser.invokeExact(released);
        }
    }

    /** {@link Failing} on a normal return only ({@code onthrow=keep}). */
    static final class FailingOnReturn {

        private FailingOnReturn() {
        }

        @Advice.OnMethodExit
        static void exit(@Releaser MethodHandle releaser, @Released Object released) throws Throwable {
            releaser.invokeExact(released);
        }
    }
}
