package dev.slabagent.runtime.alloc;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipFile;

/**
 * The one class a cache holds objects of. Two class loaders may each define a class of the cached class's name, from
 * the same class file or from another version of it: an object of one is never handed out where the other is
 * constructed, nor freed into a cache whose reinit was made from the other's class file. The first class a site or
 * release point of the cache links is claimed, if it and its superclasses were made from the class files the cache was
 * validated with, read from where each was loaded from (its code source: a child-first loader's {@code getResource}
 * may well name its parent's copy) and with the instance fields those files declare (another agent may have added
 * some as it was defined); every other class of that name is constructed and dropped as without the agent, with one
 * line on stderr per cache (for the first such class).
 */
public final class CacheClass {

    private final String cache;
    private final Map<String, byte[]> classFiles;
    private final Map<String, Set<String>> instanceFields;
    private volatile Class<?> claimed;
    private boolean reported;
    /** Why each class looked at is not the one validated ("" if it is): looked at once per class. */
    private final ClassValue<String> differs = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> c) {
            try {
                String why = differingClass(c);
                return why == null ? "" : why;
            } catch (Throwable e) {
                return "cannot compare it with its class file (" + e + ")";
            }
        }
    };

    /**
     * @param cache          the cache's name
     * @param classFiles     the class files validated, by binary class name: the cached class and its superclasses up
     *                       to the JDK's; empty for an array cache, whose element class is named only
     * @param instanceFields the instance fields those class files declare, by the same names, each as
     *                       {@code name:type}, the type as {@link Class#getTypeName()} gives it ({@code body:byte[]})
     */
    public CacheClass(String cache, Map<String, byte[]> classFiles, Map<String, Set<String>> instanceFields) {
        this.cache = cache;
        this.classFiles = Map.copyOf(classFiles);
        this.instanceFields = Map.copyOf(instanceFields);
    }

    /**
     * Whether objects of {@code c} may come from and go to the cache: {@code c} is the class claimed, or is claimed now.
     * Never throws; a class is compared with its class files once.
     */
    public boolean admits(Class<?> c) {
        Class<?> k = claimed;
        return k != null ? k == c || refused(c, k) : claim(c);
    }

    private boolean claim(Class<?> c) {
        String why = differs.get(c);
        synchronized (this) {
            if (claimed != null) {
                return claimed == c || refused(c, claimed);
            }
            if (!why.isEmpty()) {
                report("slab-agent: slab." + cache + ": " + c.getName() + " of " + loaderName(c) + " is not pooled: "
                        + why);
                return false;
            }
            claimed = c;
            return true;
        }
    }

    private synchronized boolean refused(Class<?> c, Class<?> k) {
        report("slab-agent: slab." + cache + ": " + c.getName() + " of " + loaderName(c) + " is not pooled: the cache"
                + " holds the " + k.getName() + " of " + loaderName(k) + " only");
        return false;
    }

    /** Why a class of {@code c}'s chain is not the one validated, or {@code null} if every one is. */
    private String differingClass(Class<?> c) throws IOException {
        for (Class<?> s = c; s != null; s = s.getSuperclass()) {
            byte[] validated = classFiles.get(s.getName());
            if (validated == null) {
                continue;
            }
            byte[] made = classFile(s);
            if (made == null) {
                return "cannot read the class file " + s.getName() + " was loaded from";
            }
            if (!Arrays.equals(validated, made)) {
                return "the class file of " + s.getName() + " there is not the one the cache was validated with";
            }
            Set<String> fields = instanceFields.getOrDefault(s.getName(), Set.of());
            if (!fields.equals(instanceFieldsOf(s))) {
                return s.getName() + " there does not have the instance fields of its class file";
            }
        }
        return null;
    }

    /**
     * The class file {@code c} was made from: read from its code source (a directory of class files, or a jar, its
     * versioned entry for this JVM if it is a multi-release jar), else, for a class without a readable code source,
     * through its loader's {@code getResource}; {@code null} if neither has it.
     */
    private static byte[] classFile(Class<?> c) throws IOException {
        String resource = c.getName().replace('.', '/') + ".class";
        ProtectionDomain domain = c.getProtectionDomain();
        CodeSource source = domain == null ? null : domain.getCodeSource();
        URL location = source == null ? null : source.getLocation();
        byte[] fromSource = location == null ? null : fromCodeSource(location, resource);
        if (fromSource != null) {
            return fromSource;
        }
        ClassLoader loader = c.getClassLoader();
        try (InputStream in = loader == null ? null : loader.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    private static byte[] fromCodeSource(URL location, String resource) {
        try {
            if (location.getProtocol().equals("file")) {
                File file = new File(location.toURI());
                if (file.isDirectory()) {
                    return Files.readAllBytes(file.toPath().resolve(resource));
                }
                try (JarFile jar = new JarFile(file, false, ZipFile.OPEN_READ, Runtime.version())) {
                    JarEntry entry = jar.getJarEntry(resource);
                    if (entry == null) {
                        return null;
                    }
                    try (InputStream in = jar.getInputStream(entry)) {
                        return in.readAllBytes();
                    }
                }
            }
            String base = location.toExternalForm();
            URL file = base.endsWith("/") ? new URL(location, resource) : new URL("jar:" + base + "!/" + resource);
            URLConnection connection = file.openConnection();
            connection.setUseCaches(false);
            try (InputStream in = connection.getInputStream()) {
                return in.readAllBytes();
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    private static Set<String> instanceFieldsOf(Class<?> c) {
        Set<String> fields = new HashSet<>();
        for (Field f : c.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                fields.add(f.getName() + ":" + f.getType().getTypeName());
            }
        }
        return fields;
    }

    private void report(String line) {
        if (!reported) {
            reported = true;
            System.err.println(line);
        }
    }

    private static String loaderName(Class<?> c) {
        ClassLoader loader = c.getClassLoader();
        return loader == null ? "the boot loader" : "class loader " + loader;
    }
}
