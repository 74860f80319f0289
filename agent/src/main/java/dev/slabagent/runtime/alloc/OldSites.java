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
 * class is rewritten, one per site and class loader: a site rewritten again (a re-attach, another cache for its class)
 * gets its id back, named by its method and its place among the method's sites of its type, so the table grows with
 * the program's sites, not with the installs; the entries of a class loader that is collected are not reclaimed. A
 * cache bound or unbound ({@link SlabSites}) unlinks its sites here, so they link again, against the cache now bound
 * or to plain {@code new}, and hold no replaced cache.
 */
public final class OldSites {

    private static final Site[] NONE = new Site[0];
    /** Ids by class loader and site name (guarded by the class). */
    private static final Map<ClassLoader, Map<String, Integer>> IDS = new WeakHashMap<>();
    private static volatile Site[] table = NONE;

    private OldSites() {
    }

    /**
     * One site: its cache, its type once the rewriter knows it, and its target once linked; {@code unlinks} counts
     * the unlinks, so that a link made meanwhile is dropped (fields other than the target guarded by the class).
     */
    private static final class Site {
        private String cacheName;
        private String descriptor;
        private long unlinks;
        private volatile MethodHandle target;

        Site(String cacheName) {
            this.cacheName = cacheName;
        }

        /** Caller holds the class's lock. */
        void unlink() {
            unlinks++;
            target = null;
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
            s.unlink();
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

    /**
     * Sets site {@code id}'s type: {@code (constructor arguments)T} or {@code (int)T[]}, as a method descriptor.
     *
     * @throws IllegalStateException if the site had another type (its class file changed): the rewrite must fail,
     *                               as code still running may call the site with the type it had
     */
    public static synchronized void describe(int id, String descriptor) {
        Site site = table[id];
        if (site.descriptor != null && !site.descriptor.equals(descriptor)) {
            throw new IllegalStateException("site " + id + " was " + site.descriptor + ", now " + descriptor);
        }
        site.descriptor = descriptor;
    }

    /** Unlinks the sites of cache {@code cacheName}: each links again on its next run. */
    static synchronized void unlink(String cacheName) {
        for (Site s : table) {
            if (cacheName.equals(s.cacheName)) {
                s.unlink();
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

    /**
     * Links {@code site} without holding the class's lock while it does (linking loads classes, and a class loading
     * thread may be in {@link #reserve}); keeps the target only if the site was not unlinked meanwhile.
     */
    private static MethodHandle link(Class<?> caller, Site site) throws ReflectiveOperationException {
        while (true) {
            long unlinks;
            String cacheName;
            String descriptor;
            synchronized (OldSites.class) {
                if (site.target != null) {
                    return site.target;
                }
                unlinks = site.unlinks;
                cacheName = site.cacheName;
                descriptor = site.descriptor;
            }
            MethodType type = MethodType.fromMethodDescriptorString(descriptor, caller.getClassLoader());
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(caller, MethodHandles.lookup());
            MethodHandle target = SlabSites.bootstrap(lookup, "new", type, cacheName).dynamicInvoker();
            synchronized (OldSites.class) {
                if (site.unlinks == unlinks) {
                    if (site.target == null) {
                        site.target = target;
                    }
                    return site.target;
                }
            }
        }
    }
}
