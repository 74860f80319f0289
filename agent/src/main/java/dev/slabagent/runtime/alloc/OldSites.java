package dev.slabagent.runtime.alloc;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;

/**
 * Rewritten sites in class files without {@code invokedynamic} (Java 5 and 6). Such a site is
 * {@code ldc Caller.class; ldc id; invokestatic siteOf; args..; invokevirtual MethodHandle.invokeExact(args)T}: the
 * same target a {@link SlabSites#bootstrap} call site gets, linked on the site's first run and then read from a
 * table, so a site allocates nothing beyond what its target does. Ids are handed out by {@link #reserve} when the
 * class is rewritten and never reused.
 */
public final class OldSites {

    private static final Site[] NONE = new Site[0];
    private static volatile Site[] table = NONE;

    private OldSites() {
    }

    /** One site: its cache, its type once the rewriter knows it, and its target once linked. */
    private static final class Site {
        private final String cacheName;
        private volatile String descriptor;
        private volatile MethodHandle target;

        Site(String cacheName) {
            this.cacheName = cacheName;
        }
    }

    /** A new id for a site of cache {@code cacheName}; its type follows with {@link #describe}. */
    public static synchronized int reserve(String cacheName) {
        Site[] grown = Arrays.copyOf(table, table.length + 1);
        grown[table.length] = new Site(cacheName);
        table = grown;
        return table.length - 1;
    }

    /** Sets site {@code id}'s type: {@code (constructor arguments)T} or {@code (int)T[]}, as a method descriptor. */
    public static void describe(int id, String descriptor) {
        table[id].descriptor = descriptor;
    }

    /**
     * Site {@code id}'s target, linked on its first call as {@link SlabSites#bootstrap} links a call site (with a
     * private lookup in {@code caller}); a site that cannot be linked constructs with plain {@code new}.
     */
    public static MethodHandle siteOf(Class<?> caller, int id) throws ReflectiveOperationException {
        Site site = table[id];
        MethodHandle target = site.target;
        return target != null ? target : link(caller, site);
    }

    private static synchronized MethodHandle link(Class<?> caller, Site site) throws ReflectiveOperationException {
        if (site.target == null) {
            MethodType type = MethodType.fromMethodDescriptorString(site.descriptor, caller.getClassLoader());
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(caller, MethodHandles.lookup());
            site.target = SlabSites.bootstrap(lookup, "new", type, site.cacheName).dynamicInvoker();
        }
        return site.target;
    }
}
