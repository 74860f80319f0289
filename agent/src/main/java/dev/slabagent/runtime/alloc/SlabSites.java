package dev.slabagent.runtime.alloc;

import dev.slabagent.runtime.LinkSwitch;
import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InaccessibleObjectException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
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
    private final Map<String, Bound> byCache = new ConcurrentHashMap<>();
    private volatile BiConsumer<String, SiteBinding> switchOff = (name, binding) -> enable(name, false);

    /** A cache's binding, the switch its sites follow, and whether one of them was refused yet. */
    private record Bound(SiteBinding binding, LinkSwitch<Boolean> sites, AtomicBoolean refused) {
        Bound(SiteBinding binding) {
            this(binding, new LinkSwitch<>(true), new AtomicBoolean());
        }
    }

    SlabSites() {
    }

    /**
     * Makes the sites of cache {@code name} allocate through {@code binding}, those bootstrapped from now on and the
     * Java 5 and 6 sites ({@link OldSites}, linked again); the sites of a binding it replaces construct with plain
     * {@code new} from now on, as after {@link #unbind}.
     */
    public void bind(String name, SiteBinding binding) {
        retire(byCache.put(name, new Bound(binding)));
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
        Bound b = byCache.get(name);
        return b != null && b.binding() == binding;
    }

    /**
     * Forgets cache {@code name}: its sites, those linked already included, construct with plain {@code new} from
     * now on, and nothing of them refers to the cache any more.
     */
    public void unbind(String name) {
        retire(byCache.remove(name));
        OldSites.unlink(name);
    }

    /** Points the sites of a binding that is gone at plain {@code new} for good, and lets them go. */
    private static void retire(Bound gone) {
        if (gone != null) {
            gone.sites().end(false);
        }
    }

    /** How many caches are bound. */
    public int bound() {
        return byCache.size();
    }

    /**
     * Switches the sites of cache {@code name}, those linked already and those linked later, to the cache or to
     * plain {@code new}, without redefining any class: each site is a call site of the cache's {@link LinkSwitch}.
     * Switched off, a site's target is the original {@code new} in bytecode ({@link PlainNew}), which the JIT compiles
     * as it compiled the original.
     *
     * @return how many linked sites were retargeted, or -1 if no cache of that name is bound
     */
    public int enable(String name, boolean on) {
        Bound b = byCache.get(name);
        return b == null ? -1 : b.sites().set(on);
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
                : PlainNew.of(caller, type);
        return Linkage.published().sites().link(caller, type, cacheName, plainNew);
    }

    private CallSite link(MethodHandles.Lookup caller, MethodType type, String cacheName, MethodHandle plainNew) {
        Bound b = byCache.get(cacheName);
        if (b == null) {
            return new ConstantCallSite(plainNew);
        }
        try {
            MethodHandle fromCache = b.binding().siteTarget(caller, type, plainNew);
            return b.sites().link(type, on -> on ? fromCache : plainNew);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            refuse(cacheName, b, type.returnType(), caller.lookupClass(), e);
            return new ConstantCallSite(plainNew);
        }
    }

    /**
     * A site the cache cannot serve, typically because the JVM will not let the reinit set T's final fields: the
     * site constructs with {@code new}, and, once per cache, one {@code slab-agent:} line on stderr and the whole
     * cache switched off, so that its release point does not keep objects no site can take.
     */
    private void refuse(String cacheName, Bound b, Class<?> type, Class<?> site, Throwable e) {
        LOG.debug("slab cache {}: site in {} not linked", cacheName, site.getName(), e);
        if (!b.refused().compareAndSet(false, true)) {
            return;
        }
        boolean finalFields = e instanceof IllegalAccessException || e instanceof InaccessibleObjectException;
        System.err.println("slab-agent: slab." + cacheName + ": cannot recycle " + type.getName() + " (" + e
                + ", at a site in " + site.getName() + ")" + (finalFields ? "; if the JVM refuses to set its final"
                + " fields (JEP 500), run with --enable-final-field-mutation=ALL-UNNAMED or its module" : "")
                + "; cache off");
        try {
            switchOff.accept(cacheName, b.binding());
        } catch (Throwable off) {
            // the site constructs with new all the same; the cache's other sites may still link
            LOG.debug("slab cache {}: not switched off", cacheName, off);
        }
    }
}
