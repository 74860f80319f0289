package dev.slabagent.runtime.alloc;

import static java.lang.invoke.MethodType.methodType;

import dev.slabagent.runtime.SlabCache;
import dev.slabagent.runtime.debug.SlabDebug;
import dev.slabagent.runtime.verify.Verification;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The shape every rewritten site shares: take a free object from the cache and make it fit ({@code hit}),
 * or on a miss create one as the original code did; the first object created is measured for slabinfo's objsize.
 * A site linked while the cache's slab debugging tracks objects also hands each object to
 * {@link SlabDebug#handedOut} before it is re-initialised (so the reinit's own calls are not uses after free).
 * While the cache's {@link Verification} is not live, the site constructs as the original code did.
 */
final class FromCache {

    private static final MethodHandle ALLOCATE;
    private static final MethodHandle IS_NULL;
    private static final MethodHandle HANDED_OUT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            ALLOCATE = lookup.findVirtual(SlabCache.class, "allocate", methodType(Object.class));
            IS_NULL = lookup.findStatic(FromCache.class, "isNull", methodType(boolean.class, Object.class));
            HANDED_OUT = lookup.findVirtual(SlabDebug.class, "handedOut", methodType(Object.class, Object.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final SlabCache cache;
    private final ObjectSize size;

    FromCache(SlabCache cache) {
        this.cache = cache;
        this.size = new ObjectSize(cache);
    }

    /**
     * {@code (args)T}: {@code hit(free, args)} with a free object of the cache, or {@code plainNew(args)} on a miss.
     *
     * @param hit      {@code (T free, args)T}
     * @param plainNew {@code (args)T}
     */
    MethodHandle target(MethodHandle hit, MethodHandle plainNew) {
        MethodType type = plainNew.type();
        Class<?> t = type.returnType();
        MethodHandle miss = MethodHandles.filterReturnValue(plainNew, size.filter(t));
        MethodHandle allocate = ALLOCATE.bindTo(cache);
        SlabDebug debug = cache.tracking();
        if (debug != null) {
            MethodHandle handedOut = HANDED_OUT.bindTo(debug);
            miss = MethodHandles.filterReturnValue(miss, handedOut.asType(methodType(t, t)));
            allocate = MethodHandles.filterReturnValue(allocate, handedOut);
        }
        MethodHandle choose = MethodHandles.guardWithTest(IS_NULL, MethodHandles.dropArguments(miss, 0, Object.class),
                hit.asType(type.insertParameterTypes(0, Object.class)));
        MethodHandle reuse = MethodHandles.foldArguments(choose, allocate);
        Verification v = cache.verification();
        return v == null ? reuse : v.site(reuse, miss);
    }

    private static boolean isNull(Object o) {
        return o == null;
    }
}
