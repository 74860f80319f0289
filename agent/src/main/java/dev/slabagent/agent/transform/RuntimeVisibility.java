package dev.slabagent.agent.transform;

import dev.slabagent.runtime.alloc.OldSites;
import dev.slabagent.runtime.alloc.Release;
import dev.slabagent.runtime.alloc.SlabSites;
import dev.slabagent.runtime.debug.DebugSites;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Whether a class loader's classes may be rewritten: their rewritten code calls the agent's runtime by name
 * ({@link SlabSites}, {@link Release}, {@link OldSites}, {@link DebugSites}), so the loader must resolve those names to
 * the agent's own classes. A loader that does not delegate to the one that loaded the agent (an OSGi bundle's, an
 * isolating plugin loader whose parent is the platform loader) would throw {@link NoClassDefFoundError} from the
 * rewritten code: its classes are left exactly as they are, with one line on stderr per loader. Asked once per loader.
 */
final class RuntimeVisibility {

    private static final List<Class<?>> ENTRY_POINTS = List.of(SlabSites.class, Release.class, OldSites.class,
            DebugSites.class);
    private static final Map<ClassLoader, Boolean> SEEN = new WeakHashMap<>();

    private RuntimeVisibility() {
    }

    /**
     * Whether {@code loader} resolves the agent's runtime entry points to the agent's classes. The lookup runs outside
     * any lock of the agent's (it may load through {@code loader}, whose own locks the calling thread may hold).
     */
    static boolean seesRuntime(ClassLoader loader) {
        synchronized (SEEN) {
            Boolean known = SEEN.get(loader);
            if (known != null) {
                return known;
            }
        }
        boolean sees = resolvesEntryPoints(loader);
        synchronized (SEEN) {
            if (SEEN.putIfAbsent(loader, sees) != null) {
                return sees;
            }
        }
        if (!sees) {
            System.err.println("slab-agent: class loader " + loader + " does not see the agent's runtime ("
                    + SlabSites.class.getPackageName() + " of " + SlabSites.class.getClassLoader()
                    + "); its classes are not rewritten");
        }
        return sees;
    }

    private static boolean resolvesEntryPoints(ClassLoader loader) {
        for (Class<?> entry : ENTRY_POINTS) {
            try {
                if (Class.forName(entry.getName(), false, loader) != entry) {
                    return false;
                }
            } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
                return false;
            }
        }
        return true;
    }
}
