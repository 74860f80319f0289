package dev.slabagent.agent.transform;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.invoke.MethodHandle;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at every exit of a release method, normal or by exception: hands the released object (an
 * argument or {@code this}, bound per method) to the release point's handle from
 * {@link dev.slabagent.runtime.alloc.Release}. Nothing it throws reaches the host program.
 */
final class ReleaseAdvice {

    private ReleaseAdvice() {
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
}
