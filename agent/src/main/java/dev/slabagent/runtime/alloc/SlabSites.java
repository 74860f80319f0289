package dev.slabagent.runtime.alloc;

import dev.slabagent.runtime.LinkSwitch;
import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InaccessibleObjectException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rewritten {@code new T(args)} and {@code new T[n]} sites of an installation ({@link Linkage#sites()}): per
 * cache, the binding its sites allocate through and the {@link LinkSwitch} they follow; and their
 * {@code invokedynamic} bootstrap, which links against the published linkage's. A rewritten site is
 * {@code invokedynamic "new" (args)T} (or {@code (int)T[]} for an array cache) with the cache's name as its one
 * static argument; its target takes a free object from the cache and re-runs T's constructor on it (or clears the
 * array), or creates a new one on a miss.
 */
public final class SlabSites {

    private static final Logger LOG = LoggerFactory.getLogger(SlabSites.class);
    private final Map<String, SiteBinding> bindings = new ConcurrentHashMap<>();
    private final Map<String, LinkSwitch<Boolean>> switches = new ConcurrentHashMap<>();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private volatile BiConsumer<String, SiteBinding> switchOff = (name, binding) -> enable(name, false);

    SlabSites() {
    }

    /** Makes the sites of cache {@code name} allocate through {@code binding} (sites bootstrapped later). */
    public void bind(String name, SiteBinding binding) {
        switches.put(name, new LinkSwitch<>(true));
        bindings.put(name, binding);
        refused.remove(name);
        OldSites.unlink(name);
    }

    /**
     * Who switches a whole cache off, sites and release point, when one of its sites cannot be linked (the
     * installer), given the cache's name and the binding the site was refused by; by default only the cache's sites
     * are switched. Called on the linking thread; what it throws is dropped.
     */
    public void onRefusal(BiConsumer<String, SiteBinding> cacheSwitchOff) {
        switchOff = cacheSwitchOff;
    }

    /** Whether {@code binding} is what cache {@code name}'s sites are bound to now. */
    public boolean isBound(String name, SiteBinding binding) {
        return binding != null && bindings.get(name) == binding;
    }

    /** Forgets cache {@code name}: sites bootstrapped from now on construct with plain {@code new}. */
    public void unbind(String name) {
        bindings.remove(name);
        switches.remove(name);
        refused.remove(name);
        OldSites.unlink(name);
    }

    /** How many caches are bound. */
    public int bound() {
        return bindings.size();
    }

    /**
     * Switches the sites of cache {@code name}, those linked already and those linked later, to the cache or to
     * plain {@code new}, without redefining any class: each site is a call site of the cache's {@link LinkSwitch}.
     * Switched off, a site's target is the plain constructor, which the JIT inlines as it inlines {@code new}.
     *
     * @return how many linked sites were retargeted, or -1 if no cache of that name is bound
     */
    public int enable(String name, boolean on) {
        LinkSwitch<Boolean> sites = switches.get(name);
        return sites == null ? -1 : sites.set(on);
    }

    /**
     * Bootstrap method of a rewritten site: never throws for a missing or unusable cache, the site then
     * constructs with plain {@code new} (as the original code did).
     *
     * @param caller    the class containing the site
     * @param name      the call site's name (unused: always {@code "new"})
     * @param type      {@code (constructor arguments)T}, or {@code (int)T[]} at an array site
     * @param cacheName the cache's name from the config
     */
    public static CallSite bootstrap(MethodHandles.Lookup caller, String name, MethodType type, String cacheName)
            throws ReflectiveOperationException {
        MethodHandle plainNew = type.returnType().isArray()
                ? MethodHandles.arrayConstructor(type.returnType())
                : caller.findConstructor(type.returnType(), type.changeReturnType(void.class));
        return Linkage.published().sites().link(caller, type, cacheName, plainNew);
    }

    private CallSite link(MethodHandles.Lookup caller, MethodType type, String cacheName, MethodHandle plainNew) {
        SiteBinding binding = bindings.get(cacheName);
        LinkSwitch<Boolean> sites = switches.get(cacheName);
        if (binding == null || sites == null) {
            return new ConstantCallSite(plainNew);
        }
        try {
            MethodHandle fromCache = binding.siteTarget(caller, type, plainNew);
            return sites.link(type, on -> on ? fromCache : plainNew);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            refuse(cacheName, type.returnType(), caller.lookupClass(), e);
            return new ConstantCallSite(plainNew);
        }
    }

    /**
     * A site the cache cannot serve, typically because the JVM will not let the reinit set T's final fields: the
     * site constructs with {@code new}, and, once per cache, one {@code slab-agent:} line on stderr and the whole
     * cache switched off, so that its release point does not keep objects no site can take.
     */
    private void refuse(String cacheName, Class<?> type, Class<?> site, Throwable e) {
        LOG.debug("slab cache {}: site in {} not linked", cacheName, site.getName(), e);
        if (!refused.add(cacheName)) {
            return;
        }
        boolean finalFields = e instanceof IllegalAccessException || e instanceof InaccessibleObjectException;
        System.err.println("slab-agent: slab." + cacheName + ": cannot recycle " + type.getName() + " (" + e
                + ", at a site in " + site.getName() + ")" + (finalFields ? "; if the JVM refuses to set its final"
                + " fields (JEP 500), run with --enable-final-field-mutation=ALL-UNNAMED or its module" : "")
                + "; cache off");
        try {
            switchOff.accept(cacheName, bindings.get(cacheName));
        } catch (Throwable off) {
            // the site constructs with new all the same; the cache's other sites may still link
            LOG.debug("slab cache {}: not switched off", cacheName, off);
        }
    }
}
