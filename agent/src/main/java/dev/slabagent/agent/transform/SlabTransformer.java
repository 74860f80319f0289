package dev.slabagent.agent.transform;

import dev.slabagent.agent.config.ReleasePoint;
import java.io.IOException;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.matcher.ElementMatchers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's class file transformer for one set of switched-on caches. It pre-scans each class and hands
 * only those with a {@code new} of a cached class, or a release method, to ByteBuddy, which applies
 * {@link NewSiteRewriter} and {@link ReleaseAdvice} without changing the class's shape (so it also works
 * when retransforming loaded classes). A class whose transform fails is left exactly as it was.
 */
public final class SlabTransformer implements ClassFileTransformer {

    private static final Logger LOG = LoggerFactory.getLogger(SlabTransformer.class);

    private final ClassFilter filter;
    private final Map<String, String> cacheByType = new HashMap<>();
    private final Map<String, List<ReleaseHook>> releasesByOwner = new HashMap<>();
    private final SiteScanner scanner;
    private final ClassFileTransformer byteBuddy;
    private final Set<String> transformed = ConcurrentHashMap.newKeySet();

    /** One release method of one cache. */
    private record ReleaseHook(String method, int argIndex, int releaseId) {
    }

    /**
     * @param rewrites the switched-on caches
     * @param filter   which classes may be rewritten
     */
    public SlabTransformer(List<Rewrite> rewrites, ClassFilter filter) {
        this.filter = filter;
        for (Rewrite r : rewrites) {
            CachePlan plan = r.plan();
            cacheByType.put(plan.internalName(), plan.spec().name());
            for (String method : plan.releaseMethods()) {
                releasesByOwner.computeIfAbsent(plan.releaseOwner(), k -> new ArrayList<>())
                        .add(new ReleaseHook(method, plan.spec().release().argIndex(), r.releaseId()));
            }
        }
        this.scanner = new SiteScanner(cacheByType.keySet());
        // ByteBuddy skips synthetic methods by default; lambda bodies are synthetic and hold sites too.
        this.byteBuddy = new AgentBuilder.Default(new ByteBuddy().ignore(ElementMatchers.none()))
                .disableClassFormatChanges()
                .ignore(ElementMatchers.none())
                .type(ElementMatchers.any())
                .transform((builder, type, loader, module, domain) -> rewrite(builder, type))
                .makeRaw();
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined,
                            ProtectionDomain domain, byte[] classFile) {
        if (loader == null || name == null || !filter.mayRewrite(name)) {
            return null;
        }
        try {
            if (!wants(name, classFile)) {
                return null;
            }
            byte[] result = byteBuddy.transform(module, loader, name, redefined, domain, classFile);
            if (result != null) {
                RewriteCheck.verify(result);
                transformed.add(name);
            }
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
        String name = type.getName().replace('.', '/');
        if (type.getClassLoader() == null || type.isArray() || type.isHidden() || !filter.mayRewrite(name)) {
            return false;
        }
        if (releasesByOwner.containsKey(name)) {
            return true;
        }
        try {
            return filter.isSite(name) && scanner.hasSites(ClassFileLocator.ForClassLoader.read(type));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Internal names of the classes this transformer has changed so far. */
    public Set<String> transformedClasses() {
        return Set.copyOf(transformed);
    }

    private boolean wants(String name, byte[] classFile) {
        return releasesByOwner.containsKey(name) || filter.isSite(name) && scanner.hasSites(classFile);
    }

    private DynamicType.Builder<?> rewrite(DynamicType.Builder<?> builder, TypeDescription type) {
        String name = type.getInternalName();
        if (filter.isSite(name)) {
            builder = builder.visit(new AsmVisitorWrapper.ForDeclaredMethods()
                    .invokable(ElementMatchers.any(),
                            (instrumentedType, method, visitor, context, pool, writerFlags, readerFlags) ->
                                    new NewSiteRewriter(visitor, cacheByType))
                    .readerFlags(ClassReader.EXPAND_FRAMES)
                    .writerFlags(ClassWriter.COMPUTE_MAXS));
        }
        for (ReleaseHook hook : releasesByOwner.getOrDefault(name, List.of())) {
            for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()
                    .filter(m -> (m.getInternalName() + m.getDescriptor()).equals(hook.method()))) {
                builder = builder.visit(releaseAdvice(hook, method));
            }
        }
        return builder;
    }

    private static AsmVisitorWrapper releaseAdvice(ReleaseHook hook, MethodDescription.InDefinedShape method) {
        Advice.WithCustomMapping mapping = Advice.withCustomMapping()
                .bind(ReleaseAdvice.ReleaseId.class, hook.releaseId());
        mapping = hook.argIndex() == ReleasePoint.THIS
                ? mapping.bind(ReleaseAdvice.Released.class, new Advice.OffsetMapping.ForThisReference(
                        TypeDescription.Generic.OfNonGenericType.ForLoadedType.of(Object.class), true,
                        Assigner.Typing.STATIC, false))
                : mapping.bind(ReleaseAdvice.Released.class, method.getParameters().get(hook.argIndex()));
        return mapping.to(ReleaseAdvice.class).on(ElementMatchers.is(method));
    }
}
