package dev.slabagent.agent;

import dev.slabagent.agent.config.CacheSpec;
import dev.slabagent.agent.transform.ClassFiles;
import dev.slabagent.agent.transform.RuntimeVisibility;
import dev.slabagent.runtime.WeakIdentityMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The caches of the installed config whose classes no class loader had when it was installed, waiting for a loader
 * that has them (a web application's or a plugin's, made later). A loader is asked at the 1st, 2nd, 4th, 8th... class
 * it defines, and when it defines a class a waiting cache names (so one that gets its jars after its first class is
 * asked again, and a busy one rarely): whether it has the cache's class and its release method's class, and sees the
 * agent's runtime. Asked from class loading: it takes no
 * lock while it reads a loader's resources, and costs one read of a volatile once no cache waits.
 */
final class PendingCaches {

    private final List<CacheSpec> waiting;
    private final WeakIdentityMap<AtomicInteger> defines = new WeakIdentityMap<>();
    private final WeakIdentityMap<Set<String>> refusedIn = new WeakIdentityMap<>();
    private volatile boolean empty;
    private volatile Set<String> waitingClasses = Set.of();

    /** @param waiting the caches to wait for, in config order */
    PendingCaches(List<CacheSpec> waiting) {
        this.waiting = new ArrayList<>(waiting);
        changed();
    }

    /** Caller holds the lock, or constructs: the fast path's view of {@link #waiting}. */
    private void changed() {
        waitingClasses = waiting.stream().flatMap(s -> CacheLoaders.requiredClasses(s).stream())
                .collect(Collectors.toUnmodifiableSet());
        empty = waiting.isEmpty();
    }

    /**
     * The waiting caches whose classes {@code loader}, which defines class {@code name} (internal name) now, has: they
     * wait no more. Empty unless this is the 1st, 2nd, 4th... class it defines, or one of the waiting caches' classes.
     */
    List<CacheSpec> foundIn(ClassLoader loader, String name) {
        if (empty || CacheLoaders.isReflectionLoader(loader)) {
            return List.of();
        }
        boolean ask = Integer.bitCount(defineCount(loader)) == 1 || name != null && waitingClasses.contains(name);
        return ask ? findIn(loader) : List.of();
    }

    /**
     * The waiting caches whose classes {@code loader} has, whatever it defines now: they wait no more. For caches that
     * waited again ({@link #refusedIn}) while the loaders that had defined their classes were asked.
     */
    List<CacheSpec> findIn(ClassLoader loader) {
        if (empty) {
            return List.of();
        }
        List<CacheSpec> candidates;
        synchronized (this) {
            Set<String> refused = refusedIn.get(loader);
            candidates = waiting.stream().filter(s -> refused == null || !refused.contains(s.name())).toList();
        }
        ClassFiles files = new ClassFiles(loader);
        List<CacheSpec> found = new ArrayList<>();
        for (CacheSpec spec : candidates) {
            if (CacheLoaders.seesAll(files, spec)) {
                found.add(spec);
            }
        }
        if (found.isEmpty() || !RuntimeVisibility.seesRuntime(loader)) {
            return List.of();
        }
        synchronized (this) {
            found.removeIf(spec -> !waiting.remove(spec));
            changed();
        }
        return found;
    }

    /** {@code spec} failed its validation in {@code loader}: it waits again, for other loaders. */
    synchronized void refusedIn(CacheSpec spec, ClassLoader loader) {
        Set<String> refused = refusedIn.get(loader);
        if (refused == null) {
            refusedIn.expunge(v -> { });
            refused = new HashSet<>();
            refusedIn.put(loader, refused);
        }
        refused.add(spec.name());
        waiting.add(spec);
        changed();
    }

    /** {@code specs} were found but could not be added: they wait again, for every loader. */
    synchronized void requeue(List<CacheSpec> specs) {
        waiting.addAll(specs);
        changed();
    }

    private int defineCount(ClassLoader loader) {
        AtomicInteger count = defines.get(loader);
        if (count == null) {
            defines.expunge(v -> { });
            AtomicInteger first = defines.putIfAbsent(loader, count = new AtomicInteger());
            count = first != null ? first : count;
        }
        return count.incrementAndGet();
    }
}
