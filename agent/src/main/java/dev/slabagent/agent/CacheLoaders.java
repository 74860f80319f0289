package dev.slabagent.agent;

import dev.slabagent.agent.config.CacheSpec;
import dev.slabagent.agent.transform.ClassFiles;
import dev.slabagent.runtime.alloc.CacheClass;
import dev.slabagent.runtime.alloc.ReinitPart;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Where an install looks for a cache's classes: the system class loader first, then the loaders that define a loaded
 * class of the cached class's name, then every other loader of a loaded class (an application server's or a plugin's).
 * A cache is validated in the first loader that sees both its class and its release method's class; its class files
 * are read through that loader, so that only classes made from them are pooled ({@code runtime.alloc.CacheClass}).
 */
final class CacheLoaders {

    private final List<ClassLoader> loaders = new ArrayList<>();
    private final Map<String, List<ClassLoader>> definers = new LinkedHashMap<>();
    private final Map<ClassLoader, ClassFiles> files = new IdentityHashMap<>();

    /** The loaders of the classes {@code inst} has loaded, the system loader first. */
    CacheLoaders(Instrumentation inst) {
        loaders.add(ClassLoader.getSystemClassLoader());
        for (Class<?> c : inst.getAllLoadedClasses()) {
            ClassLoader loader = c.getClassLoader();
            if (loader != null && !c.isArray() && !c.isHidden()) {
                definers.computeIfAbsent(c.getName(), k -> new ArrayList<>(1)).add(loader);
                if (!loaders.contains(loader)) {
                    loaders.add(loader);
                }
            }
        }
    }

    /**
     * The class files {@code spec} is validated against: those of the first loader that sees its class (the element
     * class of an array cache) and its release method's class, or of the first that sees its class, or else of the
     * system loader, where the validation then reports what is missing.
     */
    ClassFiles filesFor(CacheSpec spec) {
        List<String> classes = cachedClasses(spec);
        String cached = spec.isArray() && spec.array().isPrimitive() ? null : classes.get(0);
        List<ClassLoader> order = new ArrayList<>(List.of(ClassLoader.getSystemClassLoader()));
        if (cached != null) {
            definers.getOrDefault(cached.replace('/', '.'), List.of()).stream().filter(l -> !order.contains(l))
                    .forEach(order::add);
        }
        loaders.stream().filter(l -> !order.contains(l)).forEach(order::add);
        ClassFiles seesClass = null;
        for (ClassLoader loader : order) {
            ClassFiles f = files.computeIfAbsent(loader, ClassFiles::new);
            if (seesAll(f, spec)) {
                return f;
            }
            if (seesClass == null && (cached == null || f.header(cached) != null)) {
                seesClass = f;
            }
        }
        return seesClass != null ? seesClass : files.get(ClassLoader.getSystemClassLoader());
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
        return cachedClasses(spec).stream().allMatch(c -> files.header(c) != null);
    }

    /**
     * The internal names of the classes {@code spec} names: the release method's class, and before it the cached
     * class or an array cache's element class (none for a primitive one).
     */
    static List<String> cachedClasses(CacheSpec spec) {
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
