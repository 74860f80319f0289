package dev.slabagent.runtime.alloc;

import dev.slabagent.runtime.SlabCache;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.util.function.LongPredicate;
import org.slf4j.LoggerFactory;

/**
 * One release point's target: the cache, the exact class it holds (by name; a subclass is never freed
 * into it), and an optional guard on an int or boolean field of the released object.
 */
public final class ReleaseBinding {

    private static final MethodHandle BOOLEAN_AS_LONG;

    static {
        try {
            BOOLEAN_AS_LONG = MethodHandles.lookup().findStatic(ReleaseBinding.class, "asLong",
                    MethodType.methodType(long.class, boolean.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final SlabCache cache;
    private final String className;
    private final String guardField;
    private final LongPredicate guard;
    private volatile Class<?> type;
    private volatile MethodHandle guardGetter;
    private volatile boolean unusable;

    /**
     * @param cache      where released objects go
     * @param className  binary name of the cache's class
     * @param guardField the int or boolean field the guard reads, or {@code null} for no guard
     * @param guard      the guard's test of the field's value (a boolean as 1 or 0); ignored without a field
     */
    public ReleaseBinding(SlabCache cache, String className, String guardField, LongPredicate guard) {
        this.cache = cache;
        this.className = className;
        this.guardField = guardField;
        this.guard = guard;
    }

    void release(Object released) {
        Class<?> c = released.getClass();
        if (c != type && !adopt(c)) {
            return;
        }
        if (unusable || guardGetter != null && !guardHolds(released)) {
            return;
        }
        cache.free(released);
    }

    private boolean guardHolds(Object released) {
        try {
            return guard.test((long) guardGetter.invokeExact(released));
        } catch (Throwable e) {
            throw new IllegalStateException("slab cache " + cache.name() + ": guard on " + guardField + " failed", e);
        }
    }

    /** Resolves the class (and the guard's getter) the first time an object of the named class is released. */
    private synchronized boolean adopt(Class<?> c) {
        if (type != null || !c.getName().equals(className)) {
            return c == type;
        }
        if (guardField != null) {
            try {
                Field field = c.getDeclaredField(guardField);
                field.setAccessible(true);
                MethodHandle getter = MethodHandles.lookup().unreflectGetter(field);
                if (field.getType() == boolean.class) {
                    getter = MethodHandles.filterReturnValue(getter, BOOLEAN_AS_LONG);
                }
                guardGetter = getter.asType(MethodType.methodType(long.class, Object.class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                LoggerFactory.getLogger(ReleaseBinding.class).error("slab cache {}: cannot read guard field {} of {} ({});"
                        + " nothing is freed into it", cache.name(), guardField, className, e.toString());
                unusable = true;
            }
        }
        type = c;
        return true;
    }

    private static long asLong(boolean b) {
        return b ? 1 : 0;
    }
}
