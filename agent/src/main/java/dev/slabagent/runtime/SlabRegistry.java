package dev.slabagent.runtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All caches of this JVM by name. A cache registered under a name already taken replaces the old one
 * (listeners see the old one removed, then the new one registered). Thread-safe: lookups take no lock;
 * changes and listener calls are serialised.
 */
public final class SlabRegistry {

    /** Told about caches coming and going, e.g. to register their MBeans; must not throw. */
    public interface Listener {
        /** {@code cache} has just been registered. */
        void registered(SlabCache cache);

        /** {@code cache} has just been removed or replaced. */
        void removed(SlabCache cache);
    }

    private static final Logger LOG = LoggerFactory.getLogger(SlabRegistry.class);
    private static final Map<String, SlabCache> CACHES = new ConcurrentHashMap<>();
    private static final List<Listener> LISTENERS = new CopyOnWriteArrayList<>();

    private SlabRegistry() {
    }

    /** Registers {@code cache} under its name, replacing any cache of that name. */
    public static synchronized void register(SlabCache cache) {
        SlabCache old = CACHES.put(cache.name(), cache);
        if (old == cache) {
            return;
        }
        if (old != null) {
            tell(old, "removing", l -> l.removed(old));
        }
        tell(cache, "registering", l -> l.registered(cache));
    }

    /** The cache of that name, or {@code null}. */
    public static SlabCache get(String name) {
        return CACHES.get(name);
    }

    /** A snapshot of all caches, sorted by name. */
    public static Collection<SlabCache> all() {
        List<SlabCache> all = new ArrayList<>(CACHES.values());
        all.sort(Comparator.comparing(SlabCache::name));
        return all;
    }

    /** The figures of all caches, sorted by name: the rows of the slabinfo table. */
    public static List<SlabStats> allStats() {
        List<SlabStats> stats = new ArrayList<>();
        for (SlabCache c : all()) {
            stats.add(c.stats());
        }
        return stats;
    }

    /** Removes and returns the cache of that name, or returns {@code null} if there is none. */
    public static synchronized SlabCache remove(String name) {
        SlabCache old = CACHES.remove(name);
        if (old != null) {
            tell(old, "removing", l -> l.removed(old));
        }
        return old;
    }

    /** Adds a listener and tells it about every cache already registered. */
    public static synchronized void addListener(Listener listener) {
        LISTENERS.add(listener);
        for (SlabCache c : all()) {
            listener.registered(c);
        }
    }

    /** Removes a listener added before; it is not told about the caches it leaves. */
    public static void removeListener(Listener listener) {
        LISTENERS.remove(listener);
    }

    /** Calls every listener; one that throws is logged and does not stop the others or the caller. */
    private static void tell(SlabCache cache, String action, Consumer<Listener> call) {
        for (Listener l : LISTENERS) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("slab-agent: listener failed on {} cache {}: {}", action, cache.name(), e.toString());
            }
        }
    }
}
