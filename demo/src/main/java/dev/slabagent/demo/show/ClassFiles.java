package dev.slabagent.demo.show;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;

/** Finds class files: the original one in a jar, and the rewritten one among the files an agent dumped. */
public final class ClassFiles {

    private ClassFiles() {
    }

    /**
     * The bytes of class {@code internalName} (e.g. {@code dev/slabagent/jbd/Transactions}) in {@code jar}.
     *
     * @throws IllegalArgumentException if the jar has no such class
     */
    public static byte[] fromJar(Path jar, String internalName) {
        try (JarFile file = new JarFile(jar.toFile())) {
            var entry = file.getJarEntry(internalName + ".class");
            if (entry == null) {
                throw new IllegalArgumentException(jar + " has no class " + internalName);
            }
            try (InputStream in = file.getInputStream(entry)) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }

    /**
     * The bytes of the rewritten class {@code internalName} among the class files under {@code dumpDir}, found by
     * the name inside each file; files whose name says {@code original} (ByteBuddy dumps both) are skipped.
     * Empty if no such file was dumped.
     */
    public static Optional<byte[]> fromDump(Path dumpDir, String internalName) {
        if (!Files.isDirectory(dumpDir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(dumpDir)) {
            List<Path> classFiles = files
                    .filter(path -> path.getFileName().toString().endsWith(".class"))
                    .filter(path -> !path.getFileName().toString().contains("original"))
                    .sorted()
                    .toList();
            for (Path path : classFiles) {
                byte[] bytes = Files.readAllBytes(path);
                if (new ClassReader(bytes).getClassName().equals(internalName)) {
                    return Optional.of(bytes);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dumped classes under " + dumpDir, e);
        }
    }
}
