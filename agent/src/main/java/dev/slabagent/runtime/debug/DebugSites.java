package dev.slabagent.runtime.debug;

import static java.lang.invoke.MethodType.methodType;

import dev.slabagent.runtime.SlabCache;
import dev.slabagent.runtime.SlabRegistry;
import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The {@code invokedynamic} bootstrap of the use-after-free checks that the transform adds while a cache is
 * debugged: {@code invokedynamic "check" (T)void} with the cache's name and a description of the access, placed
 * before each field read and write on a T in rewritten code and at the entry of T's instance methods. Linked
 * while the cache tracks objects, it calls {@link SlabDebug#accessed}; otherwise it does nothing.
 */
public final class DebugSites {

    private static final MethodHandle ACCESSED;

    static {
        try {
            ACCESSED = MethodHandles.lookup().findVirtual(SlabDebug.class, "accessed",
                    methodType(void.class, Object.class, String.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private DebugSites() {
    }

    /**
     * Bootstrap of a check: never throws; without a debugged cache of that name the check does nothing.
     *
     * @param caller    the class containing the check
     * @param name      the call site's name (unused: always {@code "check"})
     * @param type      {@code (T)void}
     * @param cacheName the cache whose objects are checked
     * @param access    what the checked instruction does, e.g. {@code read of com.example.Packet.ref}
     */
    public static CallSite check(MethodHandles.Lookup caller, String name, MethodType type, String cacheName,
                                 String access) {
        SlabCache cache = SlabRegistry.get(cacheName);
        SlabDebug debug = cache == null ? null : cache.tracking();
        if (debug == null) {
            return new ConstantCallSite(MethodHandles.empty(type));
        }
        return new ConstantCallSite(MethodHandles.insertArguments(ACCESSED.bindTo(debug), 1, access).asType(type));
    }
}
