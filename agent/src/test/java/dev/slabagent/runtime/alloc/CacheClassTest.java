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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;

/**
 * A cache holds one class: the first one linked whose chain of class files is the one validated; a class of the same
 * name from another loader, or made from other class files, is refused with one line per cache.
 */
class CacheClassTest {

    @Test
    void theFirstClassMadeFromTheValidatedClassFilesIsClaimedAndNoOther() throws Exception {
        CacheClass cacheClass = validated(Leaf.class, Leaf.class.getSuperclass());
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
        Class<?> node = Leaf.class.getSuperclass();
        CacheClass cacheClass = new CacheClass("leaf", Map.of(Leaf.class.getName(), classFile(Leaf.class),
                node.getName(), new byte[] {(byte) 0xca, (byte) 0xfe}),
                Map.of(Leaf.class.getName(), fields(Leaf.class), node.getName(), fields(node)));
        String err = stderrOf(() -> {
            assertFalse(cacheClass.admits(Leaf.class));
            assertFalse(cacheClass.admits(Leaf.class));
        });
        assertEquals("slab-agent: slab.leaf: fixture.chain.Leaf of class loader " + Leaf.class.getClassLoader()
                + " is not pooled: the class file of " + Leaf.class.getSuperclass().getName() + " there is not the one the cache was validated"
                + " with", err.strip());
    }

    @Test
    void aClassWithInstanceFieldsItsClassFileDoesNotDeclareIsNotClaimed() throws Exception {
        Set<String> more = new HashSet<>(fields(Leaf.class));
        more.add("injected:int");
        CacheClass cacheClass = new CacheClass("leaf", Map.of(Leaf.class.getName(), classFile(Leaf.class)),
                Map.of(Leaf.class.getName(), more));
        String err = stderrOf(() -> assertFalse(cacheClass.admits(Leaf.class)));
        assertEquals("slab-agent: slab.leaf: fixture.chain.Leaf of class loader " + Leaf.class.getClassLoader()
                + " is not pooled: fixture.chain.Leaf there does not have the instance fields of its class file",
                err.strip());
    }

    @Test
    void aClassThatCannotBeComparedIsRefusedWithoutThrowing(@TempDir Path dir) throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("Holder.java"), "package gone; public class Holder { Missing m; }\n"
                + "class Missing { }\n");
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", dir.resolve("classes").toString(),
                src.resolve("Holder.java").toString()));
        Files.delete(dir.resolve("classes/gone/Missing.class"));
        byte[] holderFile = Files.readAllBytes(dir.resolve("classes/gone/Holder.class"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.resolve("classes").toUri().toURL()},
                ClassLoader.getSystemClassLoader())) {
            Class<?> holder = loader.loadClass("gone.Holder");
            CacheClass cacheClass = new CacheClass("holder", Map.of("gone.Holder", holderFile),
                    Map.of("gone.Holder", Set.of("m:gone.Missing")));
            String err = stderrOf(() -> {
                assertFalse(cacheClass.admits(holder));
                assertFalse(cacheClass.admits(holder));
            });
            assertEquals("slab-agent: slab.holder: gone.Holder of class loader " + loader + " is not pooled: cannot"
                    + " compare it with its class file (java.lang.NoClassDefFoundError: gone/Missing)", err.strip());
        }
    }

    /** A cache validated with the class files of {@code chain}, as the agent validates it. */
    private static CacheClass validated(Class<?>... chain) throws Exception {
        Map<String, byte[]> files = new HashMap<>();
        Map<String, Set<String>> fields = new HashMap<>();
        for (Class<?> c : chain) {
            files.put(c.getName(), classFile(c));
            fields.put(c.getName(), fields(c));
        }
        return new CacheClass("leaf", files, fields);
    }

    /** The instance fields {@code c}'s class file declares, read with ASM as the agent reads them. */
    private static Set<String> fields(Class<?> c) throws Exception {
        ClassNode node = new ClassNode();
        new ClassReader(classFile(c)).accept(node, ClassReader.SKIP_CODE);
        return node.fields.stream().filter(f -> (f.access & Opcodes.ACC_STATIC) == 0)
                .map(f -> f.name + ":" + Type.getType(f.desc).getClassName()).collect(Collectors.toSet());
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
