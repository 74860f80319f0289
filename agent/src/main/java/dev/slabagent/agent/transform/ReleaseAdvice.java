package dev.slabagent.agent.transform;

import dev.slabagent.runtime.alloc.Release;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at every exit of a release method, normal or by exception: hands the released object (an
 * argument or {@code this}, bound per method) to {@link Release#free} under the release point's id.
 */
final class ReleaseAdvice {

    private ReleaseAdvice() {
    }

    /** The release point's id, bound as a constant. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @interface ReleaseId {
    }

    /** The released object: bound to the configured argument or to {@code this}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @interface Released {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@ReleaseId int id, @Released Object released) {
        Release.free(id, released);
    }
}
