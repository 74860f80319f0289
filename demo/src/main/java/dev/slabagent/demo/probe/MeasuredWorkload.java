package dev.slabagent.demo.probe;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Runs jbd-target's command line ({@value #JBD_MAIN}) in this JVM and, when the JVM exits, prints one line with
 * what its threads allocated and what the GC did meanwhile: {@code allocated_bytes=A gc_count=G gc_ms=M}.
 *
 * <p>Used as the main class of the demo's child JVMs, so jbd-target itself needs no knowledge of measurement or
 * of the agent. Every class of jbd-target's jar is loaded (not initialised) before measuring, so that a java
 * agent's load-time rewriting is not counted as the workload's allocation.
 */
public final class MeasuredWorkload {

    /** jbd-target's main class (a contract name). */
    static final String JBD_MAIN = "dev.slabagent.jbd.cli.Main";
    /** Where jbd-target's classes are in its jar. */
    private static final String JBD_CLASSES = "dev/slabagent/jbd/";

    private MeasuredWorkload() {
    }

    /** Runs {@code dev.slabagent.jbd.cli.Main} with {@code args}. */
    public static void main(String[] args) throws Exception {
        Class<?> jbdMain = Class.forName(JBD_MAIN);
        loadAllClassesOfJarOf(jbdMain);
        GcMeter gc = new GcMeter();
        AllocationMeter allocation = AllocationMeter.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> report(allocation, gc), "measured-workload-report"));
        Method main = jbdMain.getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static void report(AllocationMeter allocation, GcMeter gc) {
        try {
            long bytes = allocation.stop();
            System.out.printf(Locale.ROOT, "allocated_bytes=%d gc_count=%d gc_ms=%d%n",
                    bytes, gc.collections(), gc.collectionMillis());
            System.out.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void loadAllClassesOfJarOf(Class<?> anchor) throws IOException, ClassNotFoundException {
        Path jar;
        try {
            jar = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException("cannot locate the jar of " + anchor.getName(), e);
        }
        if (!jar.toString().endsWith(".jar")) {
            throw new IllegalStateException(anchor.getName() + " must be loaded from jbd-target's jar, not " + jar);
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : Collections.list(file.entries())) {
                String name = entry.getName();
                if (name.startsWith(JBD_CLASSES) && name.endsWith(".class") && !name.endsWith("module-info.class")) {
                    String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
                    Class.forName(className, false, anchor.getClassLoader());
                }
            }
        }
    }
}
