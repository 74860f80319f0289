package dev.slabagent.runtime.alloc;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Rewritten sites in class files without {@code invokedynamic} (Java 5 and 6). Such a site is
 * {@code ldc Caller.class; ldc id; invokestatic siteOf; args..; invokevirtual MethodHandle.invokeExact(args)T}: the
 * same target a {@link SlabSites#bootstrap} call site gets, linked on the site's first run and then read from a
 * table, so a site allocates nothing beyond what its target does. Ids are handed out by {@link #reserve} when the
 * class is rewritten, one per site of the program: a site rewritten again (a re-attach) gets its id back, so the
 * table grows with the program's sites, not with the installs. A cache bound or unbound ({@link SlabSites}) unlinks
 * its sites here, so they link again, against the cache now bound or to plain {@code new}, and hold no replaced cache.
 */
public final class OldSites {

    private static final Site[] NONE = new Site[0];
    /** Ids by class loader and site name (guarded by the class). */
    private static final Map<ClassLoader, Map<String, Integer>> IDS = new WeakHashMap<>();
    private static volatile Site[] table = NONE;

    private OldSites() {
    }

    /** One site: its cache, its type once the rewriter knows it, and its target once linked. */
    private static final class Site {
        private volatile String cacheName;
        private volatile String descriptor;
        private volatile MethodHandle target;

        Site(String cacheName) {
            this.cacheName = cacheName;
        }
    }

    /**
     * The id of a site of cache {@code cacheName} in a class of {@code loader}, named {@code site} (its class, method
     * and place in the method), unlinked; its type follows with {@link #describe}. A site named before in that loader
     * gets its id back.
     */
    public static synchronized int reserve(String cacheName, ClassLoader loader, String site) {
        Map<String, Integer> ids = IDS.computeIfAbsent(loader, l -> new HashMap<>());
        Integer known = ids.get(site);
        if (known != null) {
            Site s = table[known];
            s.cacheName = cacheName;
            s.target = null;
            return known;
        }
        Site[] grown = Arrays.copyOf(table, table.length + 1);
        grown[table.length] = new Site(cacheName);
        table = grown;
        ids.put(site, table.length - 1);
        return table.length - 1;
    }

    /** How many sites have ids. */
    public static int size() {
        return table.length;
    }

    /** Sets site {@code id}'s type: {@code (constructor arguments)T} or {@code (int)T[]}, as a method descriptor. */
    public static void describe(int id, String descriptor) {
        table[id].descriptor = descriptor;
    }

    /** Unlinks the sites of cache {@code cacheName}: each links again on its next run. */
    static synchronized void unlink(String cacheName) {
        for (Site s : table) {
            if (cacheName.equals(s.cacheName)) {
                s.target = null;
            }
        }
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
