package dev.slabagent.runtime.alloc;

import static java.lang.invoke.MethodType.methodType;

import dev.slabagent.runtime.SlabCache;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodHandles.Lookup;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.util.Arrays;

/**
 * The allocation side of an array cache ({@code slab.NAME.array=byte[4096]}): a rewritten {@code new T[n]}
 * takes a free array from the cache when {@code n} is the cache's length, zero-filled (references cleared to
 * null) if {@code zero} is set, else with its old contents; any other length is created with plain
 * {@code new} and counted with {@link SlabCache#countUnserved()} (neither a hit nor a miss).
 */
public final class ArrayBinding implements SiteBinding {

    private static final MethodHandle IS_LENGTH;
    private static final MethodHandle COUNT_UNSERVED;

    static {
        try {
            Lookup lookup = MethodHandles.lookup();
            IS_LENGTH = lookup.findStatic(ArrayBinding.class, "isLength", methodType(boolean.class, int.class, int.class));
            COUNT_UNSERVED = lookup.findVirtual(SlabCache.class, "countUnserved", methodType(void.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final SlabCache cache;
    private final CacheClass cacheClass;
    private final int length;
    private final boolean zero;
    private final FromCache fromCache;

    /**
     * @param cache      the cache arrays come from
     * @param cacheClass the one array class the cache holds
     * @param length     the one length the cache serves
     * @param zero       whether a reused array is zero-filled, as {@code new} gives it
     */
    public ArrayBinding(SlabCache cache, CacheClass cacheClass, int length, boolean zero) {
        this.cache = cache;
        this.cacheClass = cacheClass;
        this.length = length;
        this.zero = zero;
        this.fromCache = new FromCache(cache);
    }

    /** {@code (int)T[]}: a free array of the cache's length, or {@code plainNew} (a miss, or unserved for another length). */
    @Override
    public MethodHandle siteTarget(Lookup caller, MethodType type, MethodHandle plainNew) throws ReflectiveOperationException {
        Class<?> arrayType = type.returnType();
        if (!cacheClass.admits(arrayType)) {
            return plainNew;
        }
        MethodHandle reuse = MethodHandles.identity(arrayType);
        if (zero) {
            reuse = MethodHandles.foldArguments(reuse, clear(arrayType));
        }
        MethodHandle served = fromCache.target(MethodHandles.dropArguments(reuse, 1, int.class), plainNew);
        MethodHandle unserved = MethodHandles.foldArguments(plainNew,
                MethodHandles.dropArguments(COUNT_UNSERVED.bindTo(cache), 0, int.class));
        return MethodHandles.guardWithTest(MethodHandles.insertArguments(IS_LENGTH, 0, length), served, unserved);
    }

    /** {@code (T[])void}: fills the array with its element type's default value ({@code Arrays.fill}). */
    private static MethodHandle clear(Class<?> arrayType) throws ReflectiveOperationException {
        Class<?> component = arrayType.getComponentType();
        MethodHandle fill;
        Object zeroValue;
        if (component.isPrimitive()) {
            fill = MethodHandles.lookup().findStatic(Arrays.class, "fill", methodType(void.class, arrayType, component));
            zeroValue = Array.get(Array.newInstance(component, 1), 0);
        } else {
            fill = MethodHandles.lookup().findStatic(Arrays.class, "fill",
                    methodType(void.class, Object[].class, Object.class));
            zeroValue = null;
        }
        return MethodHandles.insertArguments(fill, 1, zeroValue).asType(methodType(void.class, arrayType));
    }

    private static boolean isLength(int expected, int n) {
        return n == expected;
    }
}
