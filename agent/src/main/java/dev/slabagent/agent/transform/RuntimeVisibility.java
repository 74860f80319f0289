package dev.slabagent.agent.transform;

import dev.slabagent.runtime.WeakIdentityMap;
import dev.slabagent.runtime.alloc.OldSites;
import dev.slabagent.runtime.alloc.Release;
import dev.slabagent.runtime.alloc.SlabSites;
import dev.slabagent.runtime.debug.DebugSites;
import java.util.List;

/**
 * Whether a class loader's classes may be rewritten: their rewritten code calls the agent's runtime by name
 * ({@link SlabSites}, {@link Release}, {@link OldSites}, {@link DebugSites}), so the loader must resolve those names to
 * the agent's own classes. A loader that does not delegate to the one that loaded the agent (an OSGi bundle's, an
 * isolating plugin loader whose parent is the platform loader) would throw {@link NoClassDefFoundError} from the
 * rewritten code: its classes are left exactly as they are, with one line on stderr per loader. Asked once per loader.
 */
public final class RuntimeVisibility {

    private static final List<Class<?>> ENTRY_POINTS = List.of(SlabSites.class, Release.class, OldSites.class,
            DebugSites.class);
    private static final WeakIdentityMap<Boolean> SEEN = new WeakIdentityMap<>();

    private RuntimeVisibility() {
    }

    /** The runtime classes rewritten code names: what a loader must resolve to the agent's own. */
    public static List<Class<?>> entryPoints() {
        return ENTRY_POINTS;
    }

    /**
     * Whether {@code loader} resolves the agent's runtime entry points to the agent's classes. Asked once per loader
     * (again if the loader failed otherwise than by not finding a class); takes no lock of the agent's.
     */
    public static boolean seesRuntime(ClassLoader loader) {
        Boolean known = SEEN.get(loader);
        if (known != null) {
            return known;
        }
        Boolean sees = resolvesEntryPoints(loader);
        if (sees == null) {
            return false;
        }
        SEEN.expunge(v -> { });
        Boolean first = SEEN.putIfAbsent(loader, sees);
        if (first != null) {
            return first;
        }
        if (!sees) {
            System.err.println("slab-agent: class loader " + loader + " does not see the agent's runtime ("
                    + SlabSites.class.getPackageName() + " of " + SlabSites.class.getClassLoader()
                    + "); its classes are not rewritten");
        }
        return sees;
    }

    /** Whether {@code loader} resolves them to the agent's classes, or {@code null} if it failed to say. */
    private static Boolean resolvesEntryPoints(ClassLoader loader) {
        for (Class<?> entry : ENTRY_POINTS) {
            try {
                if (Class.forName(entry.getName(), false, loader) != entry) {
                    return false;
                }
            } catch (ClassNotFoundException | NoClassDefFoundError e) {
                return false;
            } catch (LinkageError | RuntimeException e) {
                return null;
            }
        }
        return true;
    }
}
