package dev.slabagent.agent;

import dev.slabagent.agent.config.CacheSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The caches of the installed config whose classes no class loader had when it was installed, waiting for a loader
 * that has them (a web application's or a plugin's, made later). Each loader is asked once, at the first class it
 * defines: whether its resources hold the cache's class and its release method's class. Asked from class loading,
 * so it takes no lock while it reads a loader's resources.
 */
final class PendingCaches {

    private final List<CacheSpec> waiting;
    private final Map<ClassLoader, Boolean> asked = new WeakHashMap<>();

    /** @param waiting the caches to wait for, in config order */
    PendingCaches(List<CacheSpec> waiting) {
        this.waiting = new ArrayList<>(waiting);
    }

    /** Whether no cache waits any more. */
    synchronized boolean isEmpty() {
        return waiting.isEmpty();
    }

    /** The waiting caches {@code loader} has the classes of, which wait no more; empty if it was asked before. */
    List<CacheSpec> foundIn(ClassLoader loader) {
        List<CacheSpec> candidates;
        synchronized (this) {
            if (waiting.isEmpty() || asked.put(loader, Boolean.TRUE) != null) {
                return List.of();
            }
            candidates = List.copyOf(waiting);
        }
        List<CacheSpec> found = new ArrayList<>();
        for (CacheSpec spec : candidates) {
            if (CacheLoaders.cachedClasses(spec).stream().allMatch(c -> loader.getResource(c + ".class") != null)) {
                found.add(spec);
            }
        }
        synchronized (this) {
            found.removeIf(spec -> !waiting.remove(spec));
        }
        return found;
    }
}
