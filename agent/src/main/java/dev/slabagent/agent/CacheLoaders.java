package dev.slabagent.agent;

import dev.slabagent.agent.config.CacheSpec;
import dev.slabagent.agent.transform.ClassFiles;
import dev.slabagent.runtime.alloc.CacheClass;
import dev.slabagent.runtime.alloc.ReinitPart;
import java.lang.instrument.Instrumentation;
import dev.slabagent.agent.transform.RuntimeVisibility;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Where an install looks for a cache's classes: the system class loader first, then the loaders that define a loaded
 * class of the cached class's name, then every other loader of a loaded class (an application server's or a plugin's),
 * leaving out those that do not see the agent's runtime ({@link RuntimeVisibility}: their classes are never rewritten)
 * and the JDK's reflection loaders. A cache is validated in the first loader that sees both its class and its release
 * method's class; its class files are read through that loader, and only a class made from them is pooled
 * ({@link CacheClass}).
 */
final class CacheLoaders {

    private static final String REFLECTION_LOADER = "jdk.internal.reflect.DelegatingClassLoader";

    private final List<ClassLoader> loaders = new ArrayList<>();
    private final Map<String, List<ClassLoader>> definers = new HashMap<>();
    private final Map<ClassLoader, ClassFiles> files = new IdentityHashMap<>();

    /** The loaders of the classes {@code inst} has loaded, the system loader first. */
    CacheLoaders(Instrumentation inst) {
        Set<ClassLoader> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        add(ClassLoader.getSystemClassLoader(), seen, loaders);
        for (Class<?> c : inst.getAllLoadedClasses()) {
            ClassLoader loader = c.getClassLoader();
            if (loader != null && !c.isArray() && !c.isHidden() && !isReflectionLoader(loader)) {
                definers.computeIfAbsent(c.getName(), k -> new ArrayList<>(1)).add(loader);
                add(loader, seen, loaders);
            }
        }
    }

    /**
     * The class files {@code spec} is validated against: those of the first loader that sees its class (the element
     * class of an array cache) and its release method's class, or of the first that sees its class, or else of the
     * system loader, where the validation then reports what is missing.
     */
    ClassFiles filesFor(CacheSpec spec) {
        List<String> classes = requiredClasses(spec);
        String cached = spec.isArray() && spec.array().isPrimitive() ? null : classes.get(0);
        Set<ClassLoader> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<ClassLoader> order = new ArrayList<>();
        add(ClassLoader.getSystemClassLoader(), seen, order);
        if (cached != null) {
            definers.getOrDefault(cached.replace('/', '.'), List.of()).forEach(l -> add(l, seen, order));
        }
        loaders.forEach(l -> add(l, seen, order));
        ClassFiles seesClass = null;
        for (ClassLoader loader : order) {
            ClassFiles f = files.computeIfAbsent(loader, ClassFiles::new);
            boolean all = seesAll(f, spec);
            boolean hasClass = all || cached == null || f.header(cached) != null;
            if (!hasClass || !RuntimeVisibility.seesRuntime(loader)) {
                continue;
            }
            if (all) {
                return f;
            }
            if (seesClass == null) {
                seesClass = f;
            }
        }
        return seesClass != null ? seesClass
                : files.computeIfAbsent(ClassLoader.getSystemClassLoader(), ClassFiles::new);
    }

    /** Whether {@code loader} is one the JDK makes per reflective accessor (JDK 17): it never has a cache's classes. */
    static boolean isReflectionLoader(ClassLoader loader) {
        return loader.getClass().getName().equals(REFLECTION_LOADER);
    }

    private static void add(ClassLoader loader, Set<ClassLoader> seen, List<ClassLoader> to) {
        if (seen.add(loader)) {
            to.add(loader);
        }
    }

    /** The one class cache {@code name} holds: made from {@code files}' class files of the classes of {@code parts}. */
    static CacheClass cacheClass(String name, List<ReinitPart> parts, ClassFiles files) {
        Map<String, byte[]> classFiles = new HashMap<>();
        Map<String, Set<String>> instanceFields = new HashMap<>();
        for (ReinitPart part : parts) {
            String internalName = part.className().replace('.', '/');
            classFiles.put(part.className(), files.classFile(internalName));
            instanceFields.put(part.className(), files.header(internalName).fields.stream()
                    .filter(f -> (f.access & Opcodes.ACC_STATIC) == 0)
                    .map(f -> f.name + ":" + Type.getType(f.desc).getClassName()).collect(Collectors.toSet()));
        }
        return new CacheClass(name, classFiles, instanceFields);
    }

    /** Whether {@code files} has every class {@code spec} names. */
    static boolean seesAll(ClassFiles files, CacheSpec spec) {
        return requiredClasses(spec).stream().allMatch(c -> files.header(c) != null);
    }

    /**
     * The internal names of the classes {@code spec} names: the release method's class, and before it the cached
     * class or an array cache's element class (none for a primitive one).
     */
    static List<String> requiredClasses(CacheSpec spec) {
        List<String> names = new ArrayList<>(2);
        if (!spec.isArray()) {
            names.add(spec.className().replace('.', '/'));
        } else if (!spec.array().isPrimitive()) {
            names.add(spec.array().elementType().replace('.', '/'));
        }
        names.add(spec.release().owner().replace('.', '/'));
        return names;
    }
}
