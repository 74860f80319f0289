package dev.slabagent.agent;

import dev.slabagent.agent.config.AgentConfig;
import dev.slabagent.agent.config.CacheSpec;
import dev.slabagent.agent.transform.CachePlan;
import dev.slabagent.agent.transform.CacheValidator;
import dev.slabagent.agent.transform.ClassFiles;
import dev.slabagent.agent.transform.ClassFilter;
import dev.slabagent.agent.transform.InvalidCacheException;
import dev.slabagent.agent.transform.SlabTransformer;
import dev.slabagent.runtime.SlabCache;
import dev.slabagent.runtime.verify.Verification;
import dev.slabagent.runtime.SlabRegistry;
import dev.slabagent.runtime.alloc.AllocBinding;
import dev.slabagent.runtime.alloc.ArrayBinding;
import dev.slabagent.runtime.alloc.CacheClass;
import dev.slabagent.runtime.alloc.FieldTest;
import dev.slabagent.runtime.alloc.Linkage;
import dev.slabagent.runtime.alloc.MemberAccess;
import dev.slabagent.runtime.alloc.ReleaseBinding;
import dev.slabagent.runtime.alloc.SiteBinding;
import dev.slabagent.runtime.debug.DebugMode;
import dev.slabagent.runtime.management.SlabMonitoring;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's installation in this JVM, one object ({@link #in}) that owns all of it: the FIRST Instrumentation it
 * is given, the one transformer registered with it ({@link TransformerSlot}, into which the current
 * {@link SlabTransformer} is swapped), the installed caches, the linkage of the rewritten code to them
 * ({@link Linkage}: site bindings and the release table, whose ids are reused), the management registration
 * ({@link SlabMonitoring}) and the exit report. It installs a config and switches its caches on and off. Switching a
 * cache off or on relinks its sites and release point ({@link dev.slabagent.runtime.alloc.SlabSites#enable},
 * {@link dev.slabagent.runtime.alloc.Release#enable}): no class is redefined, and code already running follows.
 * Uninstalling removes the transformer and retransforms every class it changed: the classes get their original
 * bytecode back, objects still out are left to the GC; methods running at that
 * moment keep their old code until they return. A cache is validated in the class loader that has its classes
 * ({@link CacheLoaders}); one whose classes no loader has yet waits for one ({@link PendingCaches}) and is added on a
 * daemon thread when it comes.
 */
public final class AgentInstaller {

    private static final Logger LOG = LoggerFactory.getLogger(AgentInstaller.class);

    /** The JVM's installer (guarded by the class): made with the first Instrumentation given to {@link #in}. */
    private static AgentInstaller installer;

    private final Instrumentation instrumentation;
    private final Linkage linkage;
    private final TransformerSlot slot = new TransformerSlot();
    private final Map<String, InstalledCache> caches = new LinkedHashMap<>();
    private final SlabMonitoring monitoring = new SlabMonitoring();
    private ClassFilter filter;
    private SlabTransformer transformer;
    private List<Class<?>> lastRetransformed = List.of();
    private PendingCaches pending;
    private List<String> lastProblems = List.of();
    private Consumer<Installation> added = installation -> { };
    private DebugMode debug = DebugMode.OFF;
    /** Whether the exit report's shutdown hook is registered (once per JVM). */
    private boolean reportsAtExit;

    /** Registers the agent's one transformer with {@code inst}, then publishes a new {@link Linkage}. */
    private AgentInstaller(Instrumentation inst) {
        instrumentation = inst;
        linkage = new Linkage(inst);
        // off the linking thread, which may hold a class loader's lock that an install under this object's needs
        linkage.sites().onRefusal((name, binding) ->
                daemon("slab-agent-switch-off", () -> disableIfBound(name, binding)));
        monitoring.cacheSwitch(new InstallerSwitch(this));
        inst.addTransformer(slot, true);
        Linkage.publish(linkage);
    }

    /**
     * This JVM's installer: made on the first call, with {@code inst}, and kept, with that Instrumentation, for
     * good (each attach hands the agent a new one, and a transformer can only be removed through the instance it
     * was added to).
     */
    public static synchronized AgentInstaller in(Instrumentation inst) {
        if (installer == null) {
            installer = new AgentInstaller(inst);
        }
        return installer;
    }

    /** The MBeans and JFR event, whose cache operations this installer carries out. */
    public SlabMonitoring monitoring() {
        return monitoring;
    }

    /** What the rewritten code links against. */
    public Linkage linkage() {
        return linkage;
    }

    /**
     * Replaces the installed config (if any) by {@code config}: every cache that passes the semantic checks
     * is created, registered and switched on, classes already loaded are retransformed, and each problem is
     * reported as one line (and returned). Never throws for a bad config.
     */
    public synchronized Installation install(AgentConfig config) {
        // here, not when the installer is made: premain's path to main does not pay for opening java.lang
        linkage.linkCarriers();
        // the old caches go; their classes are retransformed once, by apply() below, back or for the new caches
        release(removeCaches());
        List<String> problems = new ArrayList<>(config.errors());
        filter = new ClassFilter(config.sitePrefixes());
        debug = config.debug();
        CacheLoaders loaders = new CacheLoaders(instrumentation);
        List<CacheSpec> missing = new ArrayList<>();
        for (CacheSpec spec : config.caches()) {
            ClassFiles files = loaders.filesFor(spec);
            if (!CacheLoaders.seesAll(files, spec)) {
                missing.add(spec);
            }
            try {
                activate(new CacheValidator(files, filter).validate(spec), files);
            } catch (InvalidCacheException e) {
                problems.add(e.getMessage());
            }
        }
        watch(missing);
        // the documented one-line form on stderr, never reformatted by whatever SLF4J binding the host brings
        problems.forEach(System.err::println);
        if (config.reportAtExit() && !reportsAtExit) {
            ExitReport.atShutdown();
            reportsAtExit = true;
        }
        apply();
        lastProblems = List.copyOf(problems);
        return installation();
    }

    /** What the installed config has on now: {@link #install}'s outcome, with the caches added since. */
    public synchronized Installation current() {
        return installation();
    }

    /** The caches on now, the problems of the last install (less those of caches found since), the summary lines. */
    private Installation installation() {
        List<String> summary = caches.values().stream().map(this::describe).toList();
        return new Installation(List.copyOf(caches.keySet()), lastProblems, summary);
    }

    /**
     * Installs {@code config} on a daemon thread, as {@link #install} would, and returns at once: premain's path to
     * {@code main} does not wait for the validation. Until the install ends, a class it may rewrite (a site, a
     * release method's class, a cached class) waits for it as it loads, so none is loaded past it unrewritten.
     *
     * @param then   given the installation, on that thread, once it is done
     * @param failed given what the install or {@code then} threw, on that thread
     */
    public void installInBackground(AgentConfig config, Consumer<Installation> then, Consumer<Throwable> failed) {
        synchronized (this) {
            slot.installing(mayRewrite(config));
        }
        daemon("slab-agent-install", () -> {
            try {
                then.accept(install(config));
            } catch (Throwable e) {
                failed.accept(e);
            } finally {
                slot.installed();
            }
        });
    }

    /** Hands the outcome to {@code listener} each time caches that waited for a class loader are added. */
    public synchronized void onAdded(Consumer<Installation> listener) {
        added = listener;
    }

    /**
     * Waits for class loaders that have the classes of {@code missing} ({@link PendingCaches}): one that has them gets
     * those caches installed by {@link #addFound}, on a daemon thread.
     */
    private void watch(List<CacheSpec> missing) {
        PendingCaches waiting = missing.isEmpty() ? null : new PendingCaches(missing);
        pending = waiting;
        slot.onLoad(waiting == null ? null : (loader, name) -> {
            List<CacheSpec> found = waiting.foundIn(loader, name);
            if (!found.isEmpty()) {
                startAdding(waiting, loader, found);
            }
        });
    }

    /**
     * Adds {@code found} for {@code loader} on a daemon thread; if none can be started, they wait again. Meanwhile the
     * classes {@code loader} defines on other threads wait for the add ({@link TransformerSlot#adding}).
     */
    private void startAdding(PendingCaches waiting, ClassLoader loader, List<CacheSpec> found) {
        TransformerSlot.Adding[] add = new TransformerSlot.Adding[1];
        try {
            Thread t = daemonThread("slab-agent-add", () -> {
                try {
                    addFound(waiting, loader, found);
                } finally {
                    slot.added(add[0]);
                }
            });
            add[0] = slot.adding(loader, t);
            t.start();
        } catch (Throwable e) {
            if (add[0] != null) {
                slot.added(add[0]);
            }
            waiting.requeue(found);
        }
    }

    /**
     * Installs the caches of {@code found}, whose classes {@code loader} has, validated against its class files, and
     * retransforms what they rewrite among the classes loaded so far; nothing if the config was replaced meanwhile.
     * A cache that fails its validation there waits for other loaders.
     */
    private synchronized void addFound(PendingCaches waiting, ClassLoader loader, List<CacheSpec> found) {
        if (pending != waiting) {
            return;
        }
        try {
            add(waiting, loader, found);
        } catch (Throwable e) {
            List<CacheSpec> lost = found.stream().filter(spec -> !caches.containsKey(spec.name())).toList();
            lost.forEach(spec -> waiting.refusedIn(spec, loader));
            System.err.println("slab-agent: cannot add caches " + lost.stream().map(CacheSpec::name).toList()
                    + " for class loader " + loader + " (" + e + "); they wait for another loader");
        }
    }

    private void add(PendingCaches waiting, ClassLoader loader, List<CacheSpec> found) {
        ClassFiles files = new ClassFiles(loader);
        CacheValidator validator = new CacheValidator(files, filter);
        List<String> on = new ArrayList<>();
        for (CacheSpec spec : found) {
            try {
                activate(validator.validate(spec), files);
                on.add(spec.name());
                System.err.println("slab-agent: slab." + spec.name() + ": found " + (spec.isArray()
                        ? spec.array().className() : spec.className()) + " in class loader " + loader + "; cache "
                        + spec.name() + " is on");
            } catch (InvalidCacheException e) {
                System.err.println(e.getMessage());
                waiting.refusedIn(spec, loader);
            }
        }
        if (on.size() < found.size()) {
            askLoadersAgain(waiting);
        }
        if (on.isEmpty()) {
            return;
        }
        apply();
        retransformMissed(loader);
        lastProblems = lastProblems.stream().filter(line -> on.stream()
                .noneMatch(name -> line.startsWith("slab-agent: slab." + name + "."))).toList();
        added.accept(installation());
    }

    /** Asks the loaders of the classes loaded so far for the caches that wait again after a failed validation. */
    private void askLoadersAgain(PendingCaches waiting) {
        Set<ClassLoader> asked = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            ClassLoader loader = type.getClassLoader();
            if (loader != null && !CacheLoaders.isReflectionLoader(loader) && asked.add(loader)) {
                List<CacheSpec> found = waiting.findIn(loader);
                if (!found.isEmpty()) {
                    startAdding(waiting, loader, found);
                }
            }
        }
    }

    /**
     * Retransforms the classes of {@code loader} the transformer wants but has not changed: those it defined while the
     * caches it now has were being added went through the transformer before.
     */
    private void retransformMissed(ClassLoader loader) {
        List<Class<?>> missed = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (type.getClassLoader() == loader && instrumentation.isModifiableClass(type)
                    && transformer.cachesChanged(type.getName().replace('.', '/')).isEmpty()
                    && transformer.wantsLoaded(type)) {
                missed.add(type);
            }
        }
        if (!missed.isEmpty()) {
            retransformAll(missed);
        }
    }

    /** Starts {@code task} on a daemon thread of the agent's, which inherits no thread-local of its creator's. */
    static void daemon(String name, Runnable task) {
        daemonThread(name, task).start();
    }

    /** A daemon thread of the agent's for {@code task}, not started, which inherits no thread-local of its creator's. */
    private static Thread daemonThread(String name, Runnable task) {
        Thread t = new Thread(null, task, name, 0, false);
        t.setDaemon(true);
        t.setContextClassLoader(AgentInstaller.class.getClassLoader());
        return t;
    }

    /** The classes an install of {@code config} may rewrite (internal names), known before any validation. */
    private static Predicate<String> mayRewrite(AgentConfig config) {
        ClassFilter sites = new ClassFilter(config.sitePrefixes());
        List<ClassFilter> cacheSites = new ArrayList<>();
        Set<String> named = new HashSet<>();
        for (CacheSpec spec : config.caches()) {
            if (!spec.sites().isEmpty()) {
                cacheSites.add(new ClassFilter(spec.sites()));
            }
            named.add(spec.release().owner().replace('.', '/'));
            if (spec.className() != null) {
                named.add(spec.className().replace('.', '/'));
            }
        }
        return name -> sites.mayRewrite(name)
                && (named.contains(name) || sites.isSite(name) || cacheSites.stream().anyMatch(f -> f.isSite(name)));
    }

    /**
     * Switches every cache off and forgets the config; the caches' counters stay readable.
     *
     * @return how many classes got their original bytecode back
     */
    public synchronized int uninstall() {
        watch(List.of());
        List<InstalledCache> gone = removeCaches();
        int restored = apply();
        release(gone);
        return restored;
    }

    /** Switches every cache off and forgets it; returns them. */
    private List<InstalledCache> removeCaches() {
        List<InstalledCache> gone = List.copyOf(caches.values());
        gone.forEach(c -> c.enabled(false));
        caches.clear();
        return gone;
    }

    /**
     * Unbinds caches that are gone from their sites and release points, ends their verification and drops their free
     * objects: nothing of the installation refers to them any more (the registry keeps them for their counters).
     */
    private void release(List<InstalledCache> gone) {
        for (InstalledCache c : gone) {
            linkage.sites().unbind(c.name());
            linkage.releases().unregister(c.releaseId());
            Verification v = c.cache().verification();
            if (v != null) {
                v.retire();
            }
            c.cache().drain();
        }
    }

    /**
     * Switches cache {@code name} on: its sites allocate from it and its release point frees into it again. A
     * linkage switch ({@link dev.slabagent.runtime.alloc.SlabSites#enable}), no class is redefined.
     *
     * @return how many linked sites were retargeted (0 if it was on already), or -1 if the installed config has no such cache
     */
    public synchronized int enable(String name) {
        return switchCache(name, true);
    }

    /**
     * Switches cache {@code name} off: its sites construct with plain {@code new}, its release point frees nothing,
     * and its free objects are dropped. A linkage switch ({@link dev.slabagent.runtime.alloc.SlabSites#enable}), no
     * class is redefined.
     *
     * @return how many linked sites were retargeted (0 if it was off already), or -1 if there is no such cache
     */
    public synchronized int disable(String name) {
        return switchCache(name, false);
    }

    /**
     * Sets the slab debugging of cache {@code name} and retransforms its classes: the use-after-free
     * checks are in their bytecode only while the mode is not {@link DebugMode#OFF}.
     *
     * @return how many classes were retransformed (0 if the mode was already that), or -1 if there is no such cache
     */
    public synchronized int debug(String name, DebugMode mode) {
        InstalledCache c = caches.get(name);
        if (c == null) {
            return -1;
        }
        if (c.debug() == mode) {
            return 0;
        }
        c.debug(mode);
        return apply();
    }

    /** The installed caches by name, each with whether it is switched on. */
    public synchronized Map<String, Boolean> caches() {
        Map<String, Boolean> states = new LinkedHashMap<>();
        caches.values().forEach(c -> states.put(c.name(), c.enabled()));
        return states;
    }

    /** Switches cache {@code name} off if its sites are still bound to {@code binding} (not a cache installed since). */
    private synchronized void disableIfBound(String name, SiteBinding binding) {
        if (linkage.sites().isBound(name, binding)) {
            switchCache(name, false);
        }
    }

    private int switchCache(String name, boolean on) {
        InstalledCache c = caches.get(name);
        if (c == null) {
            return -1;
        }
        if (c.enabled() == on) {
            return 0;
        }
        c.enabled(on);
        linkage.releases().enable(c.releaseId(), on);
        int sites = linkage.sites().enable(name, on);
        if (!on) {
            c.cache().drain();
        }
        return sites;
    }

    /** {@code NAME: on (strategy S, N classes retransformed)}, N counting the loaded classes rewritten for this cache. */
    private String describe(InstalledCache c) {
        long classes = transformer == null ? 0 : lastRetransformed.stream()
                .filter(t -> transformer.cachesChanged(t.getName().replace('.', '/')).contains(c.name())).count();
        Verification v = c.cache().verification();
        String verifying = v != null && v.state() == Verification.State.VERIFYING
                ? "; verifying its release rule on " + c.rewrite().plan().spec().checks().verify() + " releases before reusing objects" : "";
        return c.name() + ": on (strategy " + c.cache().strategy().configName() + ", " + classes
                + " classes retransformed" + verifying + ")";
    }

    /**
     * Creates, registers and binds the cache of {@code plan}, validated against {@code files}, and adds it to the
     * installed ones, with the config's debugging mode.
     */
    private void activate(CachePlan plan, ClassFiles files) {
        CacheSpec spec = plan.spec();
        SlabCache cache = SlabCache.create(spec.name(), spec.strategy(), spec.capacity());
        CacheSpec.Checks checks = spec.checks();
        if (checks.verify() > 0 || checks.sample() > 0) {
            cache.verification(new Verification(cache, checks.verify(), checks.sample(), checks.onHazard(),
                    MemberAccess::tryOpen));
        }
        SlabRegistry.register(cache);
        int releaseId;
        if (spec.isArray()) {
            CacheClass arrays = new CacheClass(spec.name(), Map.of(), Map.of());
            linkage.sites().bind(spec.name(), new ArrayBinding(cache, arrays, spec.array().length(), spec.zero()));
            releaseId = linkage.releases().register(ReleaseBinding.forArray(cache, arrays, spec.array().className(),
                    spec.array().length()));
        } else {
            CacheClass objects = CacheLoaders.cacheClass(spec.name(), plan.reinit().parts(), files);
            linkage.sites().bind(spec.name(), new AllocBinding(cache, objects, plan.reinit().parts()));
            List<FieldTest> guard = spec.guard() == null ? List.of() : spec.guard().terms().stream()
                    .map(t -> new FieldTest(t.field(), t.predicate())).toList();
            releaseId = linkage.releases().register(new ReleaseBinding(cache, objects, spec.className(), guard));
        }
        InstalledCache installed = new InstalledCache(plan, cache, releaseId);
        installed.debug(debug);
        caches.put(spec.name(), installed);
    }

    /** Puts a transformer for the caches switched on in place of the current one; returns how many classes it retransformed. */
    private int apply() {
        SlabTransformer old = transformer;
        SlabTransformer next = null;
        if (!caches.isEmpty()) {
            next = new SlabTransformer(caches.values().stream().map(InstalledCache::rewrite).toList(), filter);
        }
        Set<String> changed = old == null ? Set.of() : new HashSet<>(old.transformedClasses());
        slot.set(next);
        transformer = next;
        return retransform(changed, next);
    }

    /**
     * Retransforms the classes the old transformer changed and those the next one wants, each once, all in one call
     * (one safepoint); if that call fails, class by class, so one class that cannot be retransformed keeps its code
     * and the others do not.
     */
    private int retransform(Set<String> changed, SlabTransformer next) {
        List<Class<?>> wanted = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            boolean wants = !changed.isEmpty() && changed.contains(type.getName().replace('.', '/'))
                    || next != null && next.wantsLoaded(type);
            if (wants && instrumentation.isModifiableClass(type)) {
                wanted.add(type);
            }
        }
        List<Class<?>> retransformed = wanted.isEmpty() ? List.of() : retransformAll(wanted);
        lastRetransformed = List.copyOf(retransformed);
        return retransformed.size();
    }

    /** Retransforms {@code wanted} in one call, or class by class if that fails; returns those retransformed. */
    private List<Class<?>> retransformAll(List<Class<?>> wanted) {
        try {
            instrumentation.retransformClasses(wanted.toArray(new Class<?>[0]));
            return wanted;
        } catch (Throwable all) {
            List<Class<?>> retransformed = new ArrayList<>();
            for (Class<?> type : wanted) {
                try {
                    instrumentation.retransformClasses(type);
                    retransformed.add(type);
                } catch (Throwable e) {
                    LOG.error("slab-agent: cannot retransform {} ({}); it keeps its current code", type.getName(),
                            e.toString());
                }
            }
            return retransformed;
        }
    }
}
