package dev.slabagent.runtime.alloc;

import static java.lang.invoke.MethodType.methodType;

import dev.slabagent.runtime.LinkSwitch;
import dev.slabagent.runtime.SlabCache;
import dev.slabagent.runtime.debug.SlabDebug;
import dev.slabagent.runtime.verify.Verification;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Field;
import java.util.List;
import java.util.function.LongPredicate;
import org.slf4j.LoggerFactory;

/**
 * One release point's target: the cache, the exact class it holds ({@link CacheClass}; a subclass is never freed
 * into it), and an optional guard, comparisons of fields of the released object that must all hold, or for an
 * array cache a test of the array's length (an array of another length is never freed into it).
 */
public final class ReleaseBinding {

    private static final MethodHandle BOOLEAN_AS_LONG;
    private static final MethodHandle PRESENCE;
    private static final MethodHandle TEST;
    private static final MethodHandle IS_EXACTLY;
    private static final MethodHandle FREE;
    private static final MethodHandle RELEASE;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            BOOLEAN_AS_LONG = lookup.findStatic(ReleaseBinding.class, "asLong", methodType(long.class, boolean.class));
            PRESENCE = lookup.findStatic(ReleaseBinding.class, "presence", methodType(long.class, Object.class));
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
    private final CacheClass cacheClass;
    private final ObjectSize size;
    private final String className;
    private final List<FieldTest> guard;
    private final LongPredicate length;
    private final LongPredicate[] tests;
    private final MethodHandle dynamicHandle;
    private volatile boolean active = true;
    private final LinkSwitch<Boolean> points = new LinkSwitch<>(true);
    private volatile Class<?> type;
    private volatile MethodHandle[] guardGetters;
    private volatile boolean unusable;

    /**
     * @param cache      where released objects go
     * @param cacheClass the one class whose objects the cache holds
     * @param className  binary name of the cache's class
     * @param guard      the comparisons that must all hold for an object to be freed; empty for none
     */
    public ReleaseBinding(SlabCache cache, CacheClass cacheClass, String className, List<FieldTest> guard) {
        this(cache, cacheClass, className, List.copyOf(guard), null);
    }

    private ReleaseBinding(SlabCache cache, CacheClass cacheClass, String className, List<FieldTest> guard,
                           LongPredicate length) {
        this.cache = cache;
        this.cacheClass = cacheClass;
        this.size = new ObjectSize(cache);
        this.className = className;
        this.guard = guard;
        this.length = length;
        this.tests = length != null ? new LongPredicate[] {length}
                : guard.stream().map(FieldTest::test).toArray(LongPredicate[]::new);
        this.dynamicHandle = RELEASE.bindTo(this);
    }

    /**
     * The release point of an array cache: frees arrays of exactly that class and length.
     *
     * @param cache          where released arrays go
     * @param cacheClass     the one array class the cache holds
     * @param arrayClassName the array class's name as {@link Class#getName()} gives it ({@code [B})
     * @param length         the one length the cache holds
     */
    public static ReleaseBinding forArray(SlabCache cache, CacheClass cacheClass, String arrayClassName, int length) {
        return new ReleaseBinding(cache, cacheClass, arrayClassName, List.of(), n -> n == length);
    }

    /**
     * Switches the release point on or off: linked constant handles are retargeted (to do nothing while off), the
     * dynamic handle checks the flag on every release.
     */
    synchronized void active(boolean on) {
        active = on;
        points.set(on);
    }

    /** Switches the release point off for good: its handles free nothing, and its call sites are let go. */
    synchronized void retire() {
        active = false;
        points.end(false);
    }

    /** A release method's handle: a call site that is {@code target} while the release point is on. */
    private MethodHandle link(MethodHandle target) {
        MethodHandle off = MethodHandles.empty(target.type());
        return points.link(target.type(), on -> on ? target : off).dynamicInvoker();
    }

    /**
     * {@code (Object)void} composed of constants for the cached class as {@code loader} loads it: frees the
     * object if it is exactly of that class and the guard holds, while the release point is on (a call site that
     * {@link #active} retargets); frees nothing if that class is not the one the cache holds. Falls back to
     * {@link #dynamicHandle()}, which is also what a release point linked while the cache's slab debugging tracks
     * objects gets.
     */
    MethodHandle constantHandle(ClassLoader loader) {
        if (cache.tracking() != null) {
            return dynamicHandle();
        }
        try {
            Class<?> c = Class.forName(className, false, loader);
            if (!cacheClass.admits(c)) {
                return MethodHandles.empty(methodType(void.class, Object.class));
            }
            MethodHandle test = IS_EXACTLY.bindTo(this).bindTo(c);
            MethodHandle[] getters = guardGetters(c);
            for (int i = 0; i < getters.length; i++) {
                MethodHandle holds = MethodHandles.filterReturnValue(getters[i], TEST.bindTo(tests[i]));
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
            return link(MethodHandles.guardWithTest(test, free, MethodHandles.empty(methodType(void.class, Object.class))));
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
        return released != null && released.getClass() == c;
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
        if (unusable || !guardHolds(released)) {
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
        MethodHandle[] getters = guardGetters;
        for (int i = 0; i < getters.length; i++) {
            long value;
            try {
                value = (long) getters[i].invokeExact(released);
            } catch (Throwable e) {
                throw new IllegalStateException("slab cache " + cache.name() + ": guard " + i + " failed", e);
            }
            if (!tests[i].test(value)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Resolves the class (and the guard's getter) the first time an object of the named class that the cache holds
     * ({@link CacheClass#admits}) is released.
     */
    private synchronized boolean adopt(Class<?> c) {
        if (type != null || !c.getName().equals(className) || !cacheClass.admits(c)) {
            return c == type;
        }
        try {
            guardGetters = guardGetters(c);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LoggerFactory.getLogger(ReleaseBinding.class).error("slab cache {}: cannot read the guard's fields of {} ({});"
                    + " nothing is freed into it", cache.name(), className, e.toString());
            unusable = true;
        }
        type = c;
        return true;
    }

    /** {@code (Object)long} readers of a {@code c}: the array's length, or each guarded field as {@link FieldTest} reads it. */
    private MethodHandle[] guardGetters(Class<?> c) throws ReflectiveOperationException {
        if (length != null) {
            return new MethodHandle[] {MethodHandles.arrayLength(c).asType(methodType(long.class, Object.class))};
        }
        MethodHandle[] getters = new MethodHandle[guard.size()];
        for (int i = 0; i < getters.length; i++) {
            Field field = c.getDeclaredField(guard.get(i).field());
            field.setAccessible(true);
            MethodHandle getter = MethodHandles.lookup().unreflectGetter(field);
            if (field.getType() == boolean.class) {
                getter = MethodHandles.filterReturnValue(getter, BOOLEAN_AS_LONG);
            } else if (!field.getType().isPrimitive()) {
                getter = MethodHandles.filterReturnValue(getter.asType(getter.type().changeReturnType(Object.class)), PRESENCE);
            }
            getters[i] = getter.asType(methodType(long.class, Object.class));
        }
        return getters;
    }

    private static long asLong(boolean b) {
        return b ? 1 : 0;
    }

    private static long presence(Object o) {
        return o == null ? 0 : 1;
    }
}
