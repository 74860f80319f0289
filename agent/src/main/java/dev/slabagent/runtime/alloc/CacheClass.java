package dev.slabagent.runtime.alloc;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;

/**
 * The one class a cache holds objects of. Two class loaders may each define a class of the cached class's name, from
 * the same class file or from another version of it: an object of one is never handed out where the other is
 * constructed, nor freed into a cache whose reinit was made from the other's class file. The first class a site or
 * release point of the cache links is claimed, if it and its superclasses come from the class files the cache was
 * validated with; every other class of that name is constructed and dropped as without the agent, with one line on
 * stderr per cache.
 */
public final class CacheClass {

    private final String cache;
    private final Map<String, byte[]> classFiles;
    private volatile Class<?> claimed;
    private boolean reported;

    /**
     * @param cache      the cache's name
     * @param classFiles the class files validated, by binary class name: the cached class and its superclasses up to
     *                   the JDK's; empty for an array cache, whose element class is named only
     */
    public CacheClass(String cache, Map<String, byte[]> classFiles) {
        this.cache = cache;
        this.classFiles = Map.copyOf(classFiles);
    }

    /** Whether objects of {@code c} may come from and go to the cache: {@code c} is the class claimed, or is claimed now. */
    public boolean admits(Class<?> c) {
        Class<?> k = claimed;
        return k != null ? k == c || refused(c, k) : claim(c);
    }

    private synchronized boolean claim(Class<?> c) {
        if (claimed != null) {
            return claimed == c || refused(c, claimed);
        }
        String differs = differingClassFile(c);
        if (differs != null) {
            report("slab-agent: slab." + cache + ": " + c.getName() + " of " + loaderName(c) + " is not pooled: the class"
                    + " file of " + differs + " there is not the one the cache was validated with");
            return false;
        }
        claimed = c;
        return true;
    }

    private synchronized boolean refused(Class<?> c, Class<?> k) {
        report("slab-agent: slab." + cache + ": " + c.getName() + " of " + loaderName(c) + " is not pooled: the cache"
                + " holds the " + k.getName() + " of " + loaderName(k) + " only");
        return false;
    }

    /** The first class of {@code c}'s chain whose class file, as its loader reads it, is not the one validated. */
    private String differingClassFile(Class<?> c) {
        for (Class<?> s = c; s != null; s = s.getSuperclass()) {
            byte[] validated = classFiles.get(s.getName());
            if (validated != null && !Arrays.equals(validated, classFile(s))) {
                return s.getName();
            }
        }
        return null;
    }

    private static byte[] classFile(Class<?> c) {
        ClassLoader loader = c.getClassLoader();
        String resource = c.getName().replace('.', '/') + ".class";
        try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(resource)
                : loader.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
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
