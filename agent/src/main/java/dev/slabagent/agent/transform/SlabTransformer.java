package dev.slabagent.agent.transform;

import dev.slabagent.agent.config.ReleasePoint;
import dev.slabagent.runtime.debug.DebugMode;
import java.lang.instrument.ClassFileTransformer;
import java.lang.invoke.MethodHandle;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.TypeInitializer;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.implementation.auxiliary.AuxiliaryType;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.AsmClassReader;
import net.bytebuddy.utility.AsmClassWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's class file transformer for one set of switched-on caches. It pre-scans each class and hands
 * only those with a {@code new} of a cached class or array type, or a release method, to ByteBuddy, which applies
 * {@link NewSiteRewriter} and {@link ReleaseAdvice} without changing the class's shape (so it also works
 * when retransforming loaded classes). A class whose transform fails, or whose loader does not see the agent's runtime
 * ({@link RuntimeVisibility}), is left exactly as it was.
 */
public final class SlabTransformer implements ClassFileTransformer {

    private static final Logger LOG = LoggerFactory.getLogger(SlabTransformer.class);
    private final ClassFilter filter;
    private final List<SiteRule> siteRules = new ArrayList<>();
    private final Map<String, List<ReleaseHook>> releasesByOwner = new HashMap<>();
    private final Map<String, Set<String>> changedFor = new ConcurrentHashMap<>();

    /**
     * Cache {@code cache} serves the {@code new} of {@code type} (internal name or array descriptor) in {@code sites};
     * if {@code checked}, accesses to a {@code type} there are checked for use after free.
     */
    private record SiteRule(String type, String cache, ClassFilter sites, boolean checked) {
    }

    /**
     * One release method of one cache; {@code failing} if the debugger's exceptions must reach the caller,
     * {@code freeOnThrow} if an exit by exception releases too.
     */
    private record ReleaseHook(String cache, String method, int argIndex, int releaseId, boolean failing,
                               boolean freeOnThrow) {
    }

    /**
     * @param rewrites the switched-on caches
     * @param filter   which classes may be rewritten, and the sites of caches without their own
     */
    public SlabTransformer(List<Rewrite> rewrites, ClassFilter filter) {
        this.filter = filter;
        for (Rewrite r : rewrites) {
            CachePlan plan = r.plan();
            ClassFilter sites = plan.spec().sites().isEmpty() ? filter : new ClassFilter(plan.spec().sites());
            boolean checked = r.debug() != DebugMode.OFF && !plan.spec().isArray();
            siteRules.add(new SiteRule(plan.internalName(), plan.spec().name(), sites, checked));
            for (String method : plan.releaseMethods()) {
                releasesByOwner.computeIfAbsent(plan.releaseOwner(), k -> new ArrayList<>())
                        .add(new ReleaseHook(plan.spec().name(), method, plan.spec().release().argIndex(), r.releaseId(),
                                r.debug() == DebugMode.FAIL, plan.spec().freeOnThrow()));
            }
        }
    }

    /**
     * Rewrites class {@code name}: ByteBuddy's visitor wrappers ({@link NewSiteRewriter}, {@link ReleaseAdvice}) between
     * its class reader and writer, as a frozen {@code redefine} applies them (the class keeps its members, nothing is
     * added outside its methods), without the {@code ByteBuddy} builder and type writer around them, whose cold start
     * an attach would wait for. A retransformed class is described by reflection on it, as {@code AgentBuilder}'s
     * hybrid strategy does; a class being loaded by a pool over its class file and its loader's. Throws what ByteBuddy
     * throws.
     */
    private byte[] redefine(ClassLoader loader, String name, Class<?> redefined, byte[] classFile) {
        String binaryName = name.replace('/', '.');
        ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(binaryName, classFile),
                ClassFileLocator.ForClassLoader.of(loader));
        TypePool pool = new TypePool.LazyFacade(new TypePool.Default.WithLazyResolution(
                TypePool.CacheProvider.Simple.withObjectType(), locator, TypePool.Default.ReaderMode.FAST));
        TypeDescription type = redefined != null ? TypeDescription.ForLoadedType.of(redefined)
                : pool.describe(binaryName).resolve();
        ClassFileVersion version = ClassFileVersion.ofClassFile(classFile);
        AsmVisitorWrapper wrapper = new AsmVisitorWrapper.Compound(wrappers(type, version, loader));
        int writerFlags = wrapper.mergeWriter(AsmVisitorWrapper.NO_FLAGS);
        int readerFlags = wrapper.mergeReader(AsmVisitorWrapper.NO_FLAGS);
        AsmClassReader reader = AsmClassReader.Factory.Default.IMPLICIT.make(classFile);
        AsmClassWriter writer = AsmClassWriter.Factory.Default.IMPLICIT.make(writerFlags, reader, pool);
        Implementation.Context.ExtractableView context = Implementation.Context.Disabled.Factory.INSTANCE.make(type,
                new AuxiliaryType.NamingStrategy.Suffixing("slab"), TypeInitializer.None.INSTANCE, version, version);
        reader.accept(wrapper.wrap(type, writer.getVisitor(), context, pool, type.getDeclaredFields(),
                type.getDeclaredMethods(), writerFlags, readerFlags), readerFlags);
        return writer.getBinaryRepresentation();
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined,
                            ProtectionDomain domain, byte[] classFile) {
        if (loader == null || name == null || !filter.mayRewrite(name)) {
            return null;
        }
        try {
            Set<String> caches = cachesIn(name, () -> classFile);
            if (caches.isEmpty() || !RuntimeVisibility.seesRuntime(loader)) {
                return null;
            }
            byte[] result = redefine(loader, name, redefined, classFile);
            ClassDump.write(name, classFile, result);
            RewriteCheck.verify(result);
            changedFor.put(name, caches);
            return result;
        } catch (Throwable e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            LOG.error("slab-agent: cannot transform {} ({}); it runs unchanged", name.replace('/', '.'), cause.toString());
            return null;
        }
    }

    /** Whether an already loaded class must be retransformed for these caches. */
    public boolean wantsLoaded(Class<?> type) {
        if (type.getClassLoader() == null || type.isArray() || type.isHidden()) {
            return false;
        }
        String name = type.getName().replace('.', '/');
        if (!filter.mayRewrite(name)) {
            return false;
        }
        try {
            return !cachesIn(name, () -> new ClassFiles(type.getClassLoader()).classFile(name)).isEmpty()
                    && RuntimeVisibility.seesRuntime(type.getClassLoader());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Internal names of the classes this transformer has changed so far. */
    public Set<String> transformedClasses() {
        return Set.copyOf(changedFor.keySet());
    }

    /** The caches this transformer changed class {@code name} (internal name) for; empty if it did not change it. */
    public Set<String> cachesChanged(String name) {
        return changedFor.getOrDefault(name, Set.of());
    }

    /**
     * The caches class {@code name} has a release method, a site or a checked field access of, or is the debugged
     * class of: what it is rewritten for; empty if nothing.
     */
    private Set<String> cachesIn(String name, Supplier<byte[]> classFile) {
        Set<String> caches = new HashSet<>();
        releasesByOwner.getOrDefault(name, List.of()).forEach(hook -> caches.add(hook.cache()));
        Map<String, String> serving = cachesServing(name);
        Map<String, String> checked = checkedIn(name);
        if (checked.containsKey(name)) {
            caches.add(checked.get(name));
        }
        if (!(serving.isEmpty() && checked.isEmpty())) {
            for (String type : new SiteScanner(serving.keySet(), checked.keySet()).typesIn(classFile.get())) {
                caches.add(serving.containsKey(type) ? serving.get(type) : checked.get(type));
            }
        }
        return caches;
    }

    /** The caches whose sites include class {@code name}, by the type they serve (the first configured wins). */
    private Map<String, String> cachesServing(String name) {
        Map<String, String> caches = new HashMap<>();
        for (SiteRule rule : siteRules) {
            if (rule.sites().isSite(name)) {
                caches.putIfAbsent(rule.type(), rule.cache());
            }
        }
        return caches;
    }

    /** The debugged caches whose sites include class {@code name}, by the internal name of their class. */
    private Map<String, String> checkedIn(String name) {
        Map<String, String> checked = new HashMap<>();
        for (SiteRule rule : siteRules) {
            if (rule.checked() && rule.sites().isSite(name)) {
                checked.putIfAbsent(rule.type(), rule.cache());
            }
        }
        return checked;
    }

    /** What class {@code type}, of class file {@code version}, is rewritten with: its sites' rewriter, then its release advice. */
    private List<AsmVisitorWrapper> wrappers(TypeDescription type, ClassFileVersion version, ClassLoader loader) {
        List<AsmVisitorWrapper> wrappers = new ArrayList<>();
        String name = type.getInternalName();
        Map<String, String> caches = cachesServing(name);
        Map<String, String> checked = checkedIn(name);
        String selfCache = checked.remove(name);
        boolean invokedynamic = version.isAtLeast(ClassFileVersion.JAVA_V7);
        boolean checks = (selfCache != null || !checked.isEmpty()) && invokedynamic;
        if (!caches.isEmpty() || checks) {
            wrappers.add(new AsmVisitorWrapper.ForDeclaredMethods()
                    .invokable(ElementMatchers.any(),
                            (instrumentedType, method, visitor, context, pool, writerFlags, readerFlags) -> {
                                MethodVisitor v = visitor;
                                if (checks) {
                                    boolean checksSelf = !method.isStatic() && !method.isConstructor();
                                    v = new AccessCheckRewriter(v, checked, checksSelf ? selfCache : null, name,
                                            method.getInternalName());
                                }
                                return caches.isEmpty() ? v : new NewSiteRewriter(v, caches, loader, name,
                                        method.getInternalName() + method.getDescriptor(), version);
                            })
                    .readerFlags(ClassReader.EXPAND_FRAMES)
                    .writerFlags(ClassWriter.COMPUTE_MAXS));
        }
        for (ReleaseHook hook : releasesByOwner.getOrDefault(name, List.of())) {
            // not a bridge: it calls the method it bridges to, which releases (ByteBuddy's method graph, which the
            // type writer took the methods from, merged the two; with both rewritten, one call released twice)
            for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()
                    .filter(m -> !m.isBridge() && (m.getInternalName() + m.getDescriptor()).equals(hook.method()))) {
                wrappers.add(releaseAdvice(version, hook, method));
            }
        }
        return wrappers;
    }

    private static AsmVisitorWrapper releaseAdvice(ClassFileVersion version, ReleaseHook hook,
                                                   MethodDescription.InDefinedShape method) {
        Advice.WithCustomMapping mapping = Advice.withCustomMapping().bind(ReleaseAdvice.Releaser.class,
                new ReleaserLoad(version, hook.releaseId()), MethodHandle.class);
        mapping = hook.argIndex() == ReleasePoint.THIS
                ? mapping.bind(ReleaseAdvice.Released.class, new Advice.OffsetMapping.ForThisReference(
                        TypeDescription.Generic.OfNonGenericType.ForLoadedType.of(Object.class), true,
                        Assigner.Typing.STATIC, false))
                : mapping.bind(ReleaseAdvice.Released.class, method.getParameters().get(hook.argIndex()));
        return mapping.to(ReleaseAdvice.of(hook.failing(), hook.freeOnThrow()))
                .on(ElementMatchers.is(method));
    }
}
