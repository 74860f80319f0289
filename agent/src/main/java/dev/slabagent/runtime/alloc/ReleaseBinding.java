package dev.slabagent.runtime.alloc;

import static java.lang.invoke.MethodType.methodType;

import dev.slabagent.runtime.SlabCache;
import dev.slabagent.runtime.debug.SlabDebug;
import dev.slabagent.runtime.verify.Verification;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Field;
import java.util.function.LongPredicate;
import org.slf4j.LoggerFactory;

/**
 * One release point's target: the cache, the exact class it holds (by name; a subclass is never freed
 * into it), and an optional guard on an int or boolean field of the released object, or for an array cache
 * on the array's length (an array of another length is never freed into it).
 */
public final class ReleaseBinding {

    private static final MethodHandle BOOLEAN_AS_LONG;
    private static final MethodHandle TEST;
    private static final MethodHandle IS_EXACTLY;
    private static final MethodHandle FREE;
    private static final MethodHandle RELEASE;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            BOOLEAN_AS_LONG = lookup.findStatic(ReleaseBinding.class, "asLong", methodType(long.class, boolean.class));
            TEST = lookup.findVirtual(LongPredicate.class, "test", methodType(boolean.class, long.class));
            IS_EXACTLY = lookup.findVirtual(ReleaseBinding.class, "isExactly",
                    methodType(boolean.class, Class.class, Object.class));
            FREE = lookup.findVirtual(SlabCache.class, "free", methodType(void.class, Object.class));
            RELEASE = lookup.findVirtual(ReleaseBinding.class, "release", methodType(void.class, Object.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final SlabCache cache;
    private final ObjectSize size;
    private final String className;
    private final String guardField;
    private final LongPredicate guard;
    private final boolean guardsLength;
    private final MethodHandle dynamicHandle;
    private volatile boolean active = true;
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
        this(cache, className, guardField, guard, false);
    }

    private ReleaseBinding(SlabCache cache, String className, String guardField, LongPredicate guard,
                           boolean guardsLength) {
        this.cache = cache;
        this.size = new ObjectSize(cache);
        this.className = className;
        this.guardField = guardField;
        this.guard = guard;
        this.guardsLength = guardsLength;
        this.dynamicHandle = RELEASE.bindTo(this);
    }

    /**
     * The release point of an array cache: frees arrays of exactly that class and length.
     *
     * @param arrayClassName the array class's name as {@link Class#getName()} gives it ({@code [B})
     */
    public static ReleaseBinding forArray(SlabCache cache, String arrayClassName, int length) {
        return new ReleaseBinding(cache, arrayClassName, null, n -> n == length, true);
    }

    private boolean guarded() {
        return guardField != null || guardsLength;
    }

    void deactivate() {
        active = false;
    }

    /**
     * {@code (Object)void} composed of constants for the cached class as {@code loader} loads it: frees the
     * object if it is exactly of that class and the guard holds. Falls back to {@link #dynamicHandle()}, which is
     * also what a release point linked while the cache's slab debugging tracks objects gets.
     */
    MethodHandle constantHandle(ClassLoader loader) {
        if (cache.tracking() != null) {
            return dynamicHandle();
        }
        try {
            Class<?> c = Class.forName(className, false, loader);
            MethodHandle test = IS_EXACTLY.bindTo(this).bindTo(c);
            if (guarded()) {
                MethodHandle holds = MethodHandles.filterReturnValue(guardGetter(c), TEST.bindTo(guard));
                test = MethodHandles.guardWithTest(test, holds,
                        MethodHandles.dropArguments(MethodHandles.constant(boolean.class, false), 0, Object.class));
            }
            MethodHandle free = FREE.bindTo(cache);
            if (cache.objectSize() == 0) {
                free = MethodHandles.filterArguments(free, 0, size.filter(Object.class));
            }
            Verification v = cache.verification();
            if (v != null) {
                free = v.release(free);
            }
            return MethodHandles.guardWithTest(test, free, MethodHandles.empty(methodType(void.class, Object.class)));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return dynamicHandle();
        }
    }

    /**
     * {@code (Object)void} that resolves the class and guard from the first released object of that name; with
     * slab debugging, checks for a double free before the guard and poisons the object before freeing it.
     * Bound once: release code of class files too old for dynamic constants fetches it on every release, which
     * must allocate nothing.
     */
    MethodHandle dynamicHandle() {
        return dynamicHandle;
    }

    private boolean isExactly(Class<?> c, Object released) {
        return active && released != null && released.getClass() == c;
    }

    private void release(Object released) {
        if (released == null || !active) {
            return;
        }
        Class<?> c = released.getClass();
        if (c != type && !adopt(c)) {
            return;
        }
        SlabDebug debug = cache.debug();
        if (debug != null && !debug.releasing(released)) {
            return;
        }
        if (unusable || guardGetter != null && !guardHolds(released)) {
            return;
        }
        if (debug != null && !debug.released(released)) {
            return;
        }
        Verification v = cache.verification();
        if (v == null || v.admits(released)) {
            cache.free(size.record(released));
        }
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
        if (guarded()) {
            try {
                guardGetter = guardGetter(c);
            } catch (ReflectiveOperationException | RuntimeException e) {
                LoggerFactory.getLogger(ReleaseBinding.class).error("slab cache {}: cannot read guard field {} of {} ({});"
                        + " nothing is freed into it", cache.name(), guardField, className, e.toString());
                unusable = true;
            }
        }
        type = c;
        return true;
    }

    /** {@code (Object)long}: the guard field's value (a boolean as 1 or 0), or the array's length, of a {@code c}. */
    private MethodHandle guardGetter(Class<?> c) throws ReflectiveOperationException {
        if (guardsLength) {
            return MethodHandles.arrayLength(c).asType(methodType(long.class, Object.class));
        }
        Field field = c.getDeclaredField(guardField);
        field.setAccessible(true);
        MethodHandle getter = MethodHandles.lookup().unreflectGetter(field);
        if (field.getType() == boolean.class) {
            getter = MethodHandles.filterReturnValue(getter, BOOLEAN_AS_LONG);
        }
        return getter.asType(methodType(long.class, Object.class));
    }

    private static long asLong(boolean b) {
        return b ? 1 : 0;
    }
}
