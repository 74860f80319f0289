package dev.slabagent.runtime.alloc;

import static java.lang.invoke.MethodType.methodType;

import dev.slabagent.runtime.SlabCache;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;

/**
 * Measures a cache's slabinfo {@code objsize} once ({@code Instrumentation.getObjectSize}), from the first object
 * that a site creates on a miss or that a release point frees: after an attach, objects made by plain {@code new}
 * before it can keep a cache in hits from the start, so the release side measures too.
 */
final class ObjectSize {

    private static final MethodHandle RECORD;

    static {
        try {
            RECORD = MethodHandles.lookup().findVirtual(ObjectSize.class, "record", methodType(Object.class, Object.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final SlabCache cache;
    private volatile boolean sized;

    ObjectSize(SlabCache cache) {
        this.cache = cache;
    }

    /** {@code (T)T}: measures the first object passed, then hands every object through. */
    MethodHandle filter(Class<?> type) {
        return RECORD.bindTo(this).asType(methodType(type, type));
    }

    /** Measures {@code o} if nothing was measured yet; returns it. */
    Object record(Object o) {
        if (!sized) {
            Instrumentation inst = Linkage.published().instrumentation();
            if (inst != null && cache.objectSize() == 0) {
                cache.objectSize(inst.getObjectSize(o));
            }
            sized = true;
        }
        return o;
    }
}
