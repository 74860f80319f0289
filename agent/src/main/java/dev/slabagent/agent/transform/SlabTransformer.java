package dev.slabagent.agent.transform;

import dev.slabagent.agent.config.ReleasePoint;
import dev.slabagent.runtime.debug.DebugMode;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's class file transformer for one set of switched-on caches. It pre-scans each class and rewrites
 * only those with a {@code new} of a cached class or array type, or a release method, with {@link NewSiteRewriter}
 * and {@link ReleaseExits}, without changing the class's shape (so it also works when retransforming loaded
 * classes). A class whose transform fails, or whose loader does not see the agent's runtime
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
     * Rewrites class {@code name} in one pass of ASM from its class file to the new one: per method, the sites'
     * rewriter ({@link NewSiteRewriter}, with {@link AccessCheckRewriter} when debugged) and the release exits
     * ({@link ReleaseExits}). The class keeps its members; nothing outside its methods' code changes. Reading expands the
     * stack map frames (the rewriters edit them); writing computes only the maximum stack and locals, so no class is
     * loaded to merge types. Throws what ASM or the rewriters throw.
     */
    private byte[] redefine(ClassLoader loader, String name, byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        int major = reader.readUnsignedShort(6);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        Map<String, String> caches = cachesServing(name);
        Map<String, String> checked = checkedIn(name);
        String selfCache = checked.remove(name);
        boolean checks = (selfCache != null || !checked.isEmpty()) && major >= Opcodes.V1_7;
        List<ReleaseHook> hooks = releasesByOwner.getOrDefault(name, List.of());
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String method, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor v = super.visitMethod(access, method, descriptor, signature, exceptions);
                if (checks) {
                    boolean checksSelf = (access & Opcodes.ACC_STATIC) == 0 && !method.equals("<init>");
                    v = new AccessCheckRewriter(v, checked, checksSelf ? selfCache : null, name, method);
                }
                if (!caches.isEmpty()) {
                    v = new NewSiteRewriter(v, caches, loader, name, method + descriptor, major);
                }
                return withReleaseExits(v, hooks, access, method, descriptor, major);
            }
        }, ClassReader.EXPAND_FRAMES);
        return writer.toByteArray();
    }

    /**
     * {@code v} behind the release exits of every hook on this method. Not on a bridge: it calls the method it bridges
     * to, which releases (with both rewritten, one call would release twice); nor, for {@code :this}, on a static
     * method (another loader's class of that name).
     */
    private static MethodVisitor withReleaseExits(MethodVisitor v, List<ReleaseHook> hooks, int access, String method,
                                                  String descriptor, int major) {
        if ((access & Opcodes.ACC_BRIDGE) != 0) {
            return v;
        }
        MethodVisitor exits = v;
        for (ReleaseHook hook : hooks) {
            boolean receiver = hook.argIndex() == ReleasePoint.THIS;
            if (!hook.method().equals(method + descriptor) || receiver && (access & Opcodes.ACC_STATIC) != 0) {
                continue;
            }
            int slot = receiver ? 0 : ReleaseExits.slotOf(access, descriptor, hook.argIndex());
            exits = new ReleaseExits(exits, access, descriptor, slot, new ReleaserLoad(major, hook.releaseId()),
                    hook.failing(), hook.freeOnThrow(), major);
        }
        return exits;
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
            byte[] result = redefine(loader, name, classFile);
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
}
