package dev.slabagent.runtime.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fixture.chain.Leaf;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A cache holds one class: the first one linked whose chain of class files is the one validated; a class of the same
 * name from another loader, or made from other class files, is refused with one line per cache.
 */
class CacheClassTest {

    @Test
    void theFirstClassMadeFromTheValidatedClassFilesIsClaimedAndNoOther() throws Exception {
        CacheClass cacheClass = new CacheClass("leaf", Map.of(Leaf.class.getName(), classFile(Leaf.class),
                Leaf.class.getSuperclass().getName(), classFile(Leaf.class.getSuperclass())));
        URL classes = Leaf.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader other = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
            Class<?> otherLeaf = Class.forName(Leaf.class.getName(), false, other);
            assertNotSame(Leaf.class, otherLeaf);
            String err = stderrOf(() -> {
                assertTrue(cacheClass.admits(Leaf.class));
                assertTrue(cacheClass.admits(Leaf.class));
                assertFalse(cacheClass.admits(otherLeaf));
                assertFalse(cacheClass.admits(otherLeaf));
            });
            assertEquals("slab-agent: slab.leaf: fixture.chain.Leaf of class loader " + other + " is not pooled: the"
                    + " cache holds the fixture.chain.Leaf of class loader " + Leaf.class.getClassLoader() + " only",
                    err.strip());
        }
    }

    @Test
    void aClassWhoseSuperclassFileDiffersIsNotClaimed() throws Exception {
        CacheClass cacheClass = new CacheClass("leaf", Map.of(Leaf.class.getName(), classFile(Leaf.class),
                Leaf.class.getSuperclass().getName(), new byte[] {(byte) 0xca, (byte) 0xfe}));
        String err = stderrOf(() -> {
            assertFalse(cacheClass.admits(Leaf.class));
            assertFalse(cacheClass.admits(Leaf.class));
        });
        assertEquals("slab-agent: slab.leaf: fixture.chain.Leaf of class loader " + Leaf.class.getClassLoader()
                + " is not pooled: the class file of " + Leaf.class.getSuperclass().getName() + " there is not the one the cache was validated"
                + " with", err.strip());
    }

    private static byte[] classFile(Class<?> c) throws Exception {
        try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
            return in.readAllBytes();
        }
    }

    private static String stderrOf(Runnable r) {
        PrintStream original = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
