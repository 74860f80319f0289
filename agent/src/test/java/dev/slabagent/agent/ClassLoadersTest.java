package dev.slabagent.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slabagent.runtime.SlabRegistry;
import fixture.real.Codecs;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.commons.codec.binary.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Caches of classes that other class loaders define: a plugin's class, which the system loader cannot see, is found,
 * validated and pooled in the loader that defines it, a child of the system loader or not; and when two loaders each
 * define a class of the cached name (here Commons Codec and our sites, loaded a second time by a loader that does not
 * delegate to the system loader), objects of the one are never handed out as the other's: both give the output of
 * plain {@code new}, one of them is pooled, and one line says which.
 */
class ClassLoadersTest {

    private static final String PLUGIN_PACKET = """
            package PKG;

            public final class Packet {
                private final int id;
                private final byte[] body;
                private int used;

                public Packet(int id, int size) {
                    this.id = id;
                    this.body = new byte[size];
                }

                public int fill(int seed) {
                    for (int i = 0; i < body.length; i++) {
                        body[i] += (byte) (seed + i);
                        used++;
                    }
                    int sum = id * 31 + used;
                    for (byte b : body) {
                        sum = sum * 31 + b;
                    }
                    return sum;
                }
            }
            """;

    private static final String PLUGIN = """
            package PKG;

            public final class Plugin {
                public static void done(Packet p) {
                }

                public static long run(int rounds) {
                    long sum = 0;
                    for (int i = 0; i < rounds; i++) {
                        Packet p = new Packet(i, 16 + i % 3);
                        sum = sum * 17 + p.fill(i);
                        done(p);
                    }
                    return sum;
                }
            }
            """;

    /** An older version of the plugin's {@code Packet}: one instance field fewer, and another result. */
    private static final String PLUGIN_PACKET_V1 = """
            package PKG;

            public final class Packet {
                private final int id;
                private final byte[] body;

                public Packet(int id, int size) {
                    this.id = id;
                    this.body = new byte[size];
                }

                public int fill(int seed) {
                    int sum = id;
                    for (int i = 0; i < body.length; i++) {
                        body[i] += (byte) (seed + i);
                        sum = sum * 31 + body[i];
                    }
                    return sum;
                }
            }
            """;

    /** The config of the plugin in package {@code PKG}. */
    private static final String PLUGIN_CONFIG = """
            slab.packet.class=PKG.Packet
            slab.packet.release=PKG.Plugin#done:0
            slab.packet.strategy=locked
            sites=PKG
            """;

    private static final int ROUNDS = 200;

    @TempDir
    static Path plugin;

    @AfterEach
    void uninstall() {
        TestAgent.installer().uninstall();
    }

    @Test
    void aPluginClassOfAChildOfTheSystemLoaderIsPooledThere() throws Exception {
        try (URLClassLoader child = new URLClassLoader(new URL[] {pluginClasses("child")},
                ClassLoader.getSystemClassLoader())) {
            assertPluginPooled(child, "child");
        }
    }

    @Test
    void aPluginClassOfALoaderThatIsNotAChildIsPooledThere() throws Exception {
        try (URLClassLoader notAChild = new SeesTheAgent(pluginClasses("notchild"))) {
            assertPluginPooled(notAChild, "notchild");
        }
    }

    /** The plugin's loader is made after the install (as a server deploys an application after premain). */
    @Test
    void aPluginLoaderMadeAfterTheInstallGetsTheCacheWaitingForIt() throws Exception {
        URL classes = pluginClasses("later");
        String stderr;
        try (StderrCapture err = new StderrCapture()) {
            Installation installed = TestAgent.install(PLUGIN_CONFIG.replace("PKG", "later"));
            assertEquals(List.of("slab-agent: slab.packet.class: class later.Packet not found; cache packet is not"
                    + " rewritten"), installed.problems());
            try (URLClassLoader child = new URLClassLoader(new URL[] {classes}, ClassLoader.getSystemClassLoader())) {
                Class<?> plugin = Class.forName("later.Plugin", true, child);
                long first = assertPooledOnceAdded(plugin, err::text);
                assertEquals(first, run(plugin));
            }
            stderr = err.text();
        }
        assertTrue(stderr.contains("slab-agent: slab.packet: found later.Packet in class loader "), stderr);
    }

    /** A loader that gets the plugin's classes after it has defined classes of its own is asked again. */
    @Test
    void aLoaderThatGetsThePluginAfterItsFirstClassesIsAskedAgain() throws Exception {
        URL own = pluginClasses("own");
        URL later = pluginClasses("addlater");
        TestAgent.install(PLUGIN_CONFIG.replace("PKG", "addlater"));
        try (Growing loader = new Growing(own)) {
            run(Class.forName("own.Plugin", true, loader));
            loader.add(later);
            assertPooledOnceAdded(Class.forName("addlater.Plugin", true, loader), () -> "");
        }
    }

    /**
     * A loader that cannot see the agent's runtime is never the one a cache is validated in, even if it has the
     * class first: the cache waits, and a loader that sees the runtime gets it.
     */
    @Test
    void aLoaderThatCannotSeeTheAgentIsNeverTheOneTheCacheIsMadeFor() throws Exception {
        URL v1 = pluginClasses("iso", "isov1", PLUGIN_PACKET_V1);
        URL v2 = pluginClasses("iso", "isov2", PLUGIN_PACKET);
        try (URLClassLoader isolated = new URLClassLoader(new URL[] {v1}, ClassLoader.getPlatformClassLoader())) {
            Class<?> cannotSee = Class.forName("iso.Plugin", true, isolated);
            long isolatedPlain = run(cannotSee);
            try (StderrCapture err = new StderrCapture()) {
                Installation installed = TestAgent.install(PLUGIN_CONFIG.replace("PKG", "iso"));
                assertEquals(List.of("slab-agent: slab.packet.class: class iso.Packet not found; cache packet is not"
                        + " rewritten"), installed.problems());
            }
            try (URLClassLoader sees = new URLClassLoader(new URL[] {v2}, ClassLoader.getSystemClassLoader())) {
                assertPooledOnceAdded(Class.forName("iso.Plugin", true, sees), () -> "");
                assertEquals(isolatedPlain, run(cannotSee));
            }
        }
    }

    /** A cache whose validation fails in the first loader that has its classes waits for another loader. */
    @Test
    void aCacheRefusedInOneLoaderWaitsForAnother() throws Exception {
        URL broken = pluginClasses("twice", "twice-broken", PLUGIN_PACKET, PLUGIN.replace("done", "finish"));
        URL fine = pluginClasses("twice", "twice-fine", PLUGIN_PACKET, PLUGIN);
        TestAgent.install(PLUGIN_CONFIG.replace("PKG", "twice"));
        String stderr;
        try (StderrCapture err = new StderrCapture();
             URLClassLoader first = new URLClassLoader(new URL[] {broken}, ClassLoader.getSystemClassLoader());
             URLClassLoader second = new URLClassLoader(new URL[] {fine}, ClassLoader.getSystemClassLoader())) {
            run(Class.forName("twice.Plugin", true, first));
            assertPooledOnceAdded(Class.forName("twice.Plugin", true, second), err::text);
            stderr = err.text();
        }
        assertTrue(stderr.contains("slab-agent: slab.packet.release: twice.Plugin has no method done; cache packet is"
                + " not rewritten\n"), stderr);
    }

    /** A URL class loader that is given more class path later. */
    private static final class Growing extends URLClassLoader {
        Growing(URL first) {
            super(new URL[] {first}, ClassLoader.getSystemClassLoader());
        }

        void add(URL more) {
            addURL(more);
        }
    }

    /**
     * Runs {@code plugin} once, waits for cache {@code packet} to be added for its loader, runs it again: the same
     * result, and every packet but the first reused. {@code context} (the stderr so far) explains a failure.
     *
     * @return the first run's result
     */
    private static long assertPooledOnceAdded(Class<?> plugin, Supplier<String> context) throws Exception {
        long first = run(plugin);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!TestAgent.installer().caches().containsKey("packet") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(Map.of("packet", true), TestAgent.installer().caches(), context);
        assertEquals(first, run(plugin));
        long hits = SlabRegistry.get("packet").stats().hits();
        assertTrue(hits >= ROUNDS - 1, () -> "reused: " + hits + "\n" + context.get());
        return first;
    }

    @Test
    void classesOfALoaderThatCannotSeeTheAgentAreLeftAsTheyAre() throws Exception {
        try (URLClassLoader isolated = new URLClassLoader(new URL[] {pluginClasses("isolated")},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> plugin = Class.forName("isolated.Plugin", true, isolated);
            long plain = run(plugin);
            byte[] before = TestAgent.currentClassFile(plugin);
            String stderr;
            try (StderrCapture err = new StderrCapture()) {
                Installation installed = TestAgent.install(PLUGIN_CONFIG.replace("PKG", "isolated"));
                assertEquals(List.of(), installed.activated(), "no loader the cache could serve has its classes");
                assertEquals(plain, run(plugin));
                stderr = err.text();
            }
            assertArrayEquals(before, TestAgent.currentClassFile(plugin));
            assertTrue(stderr.matches("(?s).*slab-agent: class loader \\S+ does not see the agent's runtime"
                    + " \\(dev\\.slabagent\\.runtime\\.alloc of \\S+\\); its classes are not rewritten\\R.*"), stderr);
        }
    }

    /**
     * A child-first loader for its own package's classes whose parent has another version of them, and whose
     * {@code getResource} (not overridden) names the parent's copy: the cache, validated against the parent's class
     * file, must not take the child's class.
     */
    @Test
    void aChildFirstLoadersOtherVersionOfTheClassIsNotPooled() throws Exception {
        URL v1 = pluginClasses("cf", "cfv1", PLUGIN_PACKET_V1);
        URL v2 = pluginClasses("cf", "cfv2", PLUGIN_PACKET);
        try (URLClassLoader parent = new URLClassLoader(new URL[] {v1}, ClassLoader.getSystemClassLoader());
             URLClassLoader child = new ChildFirst(v2, parent, "cf")) {
            Class<?> plugin = Class.forName("cf.Plugin", true, child);
            long plain = run(plugin);
            String stderr;
            try (StderrCapture err = new StderrCapture()) {
                Installation installed = TestAgent.install(PLUGIN_CONFIG.replace("PKG", "cf"));
                assertEquals(List.of("packet"), installed.activated());
                assertEquals(plain, run(plugin));
                assertEquals(plain, run(plugin));
                stderr = err.text();
            }
            assertEquals(0, SlabRegistry.get("packet").stats().hits(), "the child's Packet is never pooled");
            assertTrue(stderr.contains("slab-agent: slab.packet: cf.Packet of class loader " + child + " is not pooled:"
                    + " the class file of cf.Packet there is not the one the cache was validated with\n"), stderr);
        }
    }

    /** Child-first for the classes of one package, parent-first for everything else and for resources. */
    private static final class ChildFirst extends URLClassLoader {
        private final String pkg;

        ChildFirst(URL classes, ClassLoader parent, String pkg) {
            super(new URL[] {classes}, parent);
            this.pkg = pkg;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(pkg + ".")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                return c != null ? c : findClass(name);
            }
        }
    }

    /**
     * A loader that is not a child of the system loader (its parent is the platform loader) but delegates the agent's
     * packages to it, as a module system is told to (OSGi's boot delegation, a JBoss module dependency).
     */
    private static final class SeesTheAgent extends URLClassLoader {

        SeesTheAgent(URL... urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            return name.startsWith("dev.slabagent.") ? ClassLoader.getSystemClassLoader().loadClass(name)
                    : super.loadClass(name, resolve);
        }
    }

    /** The plugin's loader has loaded its classes before the install (as when attaching to a running server). */
    private static void assertPluginPooled(ClassLoader loader, String pkg) throws Exception {
        Class<?> plugin = Class.forName(pkg + ".Plugin", true, loader);
        long plain = run(plugin);
        Installation installed = TestAgent.install(PLUGIN_CONFIG.replace("PKG", pkg));
        assertEquals(List.of(), installed.problems());
        assertEquals(List.of("packet: on (strategy locked, 1 classes retransformed)"), installed.summary());
        assertEquals(plain, run(plugin));
        assertEquals(ROUNDS - 1, SlabRegistry.get("packet").stats().hits(), "every packet but the first is reused");
        assertEquals(plain, run(plugin));
        assertEquals(2 * ROUNDS - 1, SlabRegistry.get("packet").stats().hits());
    }

    @Test
    void aClassThatTwoLoadersDefineIsPooledInOneAndNeverMixed() throws Exception {
        URL codec = Base64.class.getProtectionDomain().getCodeSource().getLocation();
        URL gson = com.google.gson.JsonObject.class.getProtectionDomain().getCodeSource().getLocation();
        URL sites = Codecs.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader isolated = new SeesTheAgent(codec, gson, sites)) {
            Class<?> otherCodecs = Class.forName(Codecs.class.getName(), true, isolated);
            List<List<String>> plain = rounds(otherCodecs);
            Installation installed;
            List<List<String>> pooled;
            String stderr;
            try (StderrCapture err = new StderrCapture()) {
                installed = TestAgent.install("""
                        slab.codec.class=org.apache.commons.codec.binary.Base64
                        slab.codec.release=fixture.real.Codecs#done:0
                        slab.reader.class=com.google.gson.internal.bind.JsonTreeReader
                        slab.reader.release=fixture.real.Codecs#done:0
                        sites=fixture.real
                        """);
                pooled = rounds(otherCodecs);
                stderr = err.text();
            }
            assertEquals(List.of("codec", "reader"), installed.activated());
            assertEquals(plain, pooled, "both loaders' rounds give the output of plain new");
            for (String cache : installed.activated()) {
                long hits = SlabRegistry.get(cache).stats().hits();
                assertTrue(hits >= ROUNDS - 1 && hits <= ROUNDS, cache + " is pooled in one loader: " + hits + " hits");
            }
            for (String cache : List.of("codec", "reader")) {
                Matcher m = Pattern.compile("(?m)^slab-agent: slab\\." + cache + ": \\S+ of class loader .+ is not pooled:"
                        + " the cache holds the \\S+ of class loader .+ only$").matcher(stderr);
                assertTrue(m.find(), "one line for " + cache + " in:\n" + stderr);
                assertTrue(!m.find(), "only one line for " + cache + " in:\n" + stderr);
            }
        }
    }

    /** Each round of our sites in the system loader, then the same round in the other loader's copy of them. */
    @SuppressWarnings("unchecked")
    private static List<List<String>> rounds(Class<?> otherCodecs) throws Exception {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            out.add(Codecs.round(i));
            out.add((List<String>) otherCodecs.getMethod("round", int.class).invoke(null, i));
        }
        return out;
    }

    private static long run(Class<?> plugin) throws ReflectiveOperationException {
        return (long) plugin.getMethod("run", int.class).invoke(null, ROUNDS);
    }

    /**
     * The plugin, in package {@code pkg} (one per test, so that no test sees another's classes), compiled into a
     * directory no class loader of the test's class path sees.
     */
    private static URL pluginClasses(String pkg) throws IOException {
        return pluginClasses(pkg, pkg, PLUGIN_PACKET);
    }

    /** The plugin in package {@code pkg} with {@code packet} as its {@code Packet}, compiled into directory {@code dir}. */
    private static URL pluginClasses(String pkg, String dir, String packet) throws IOException {
        return pluginClasses(pkg, dir, packet, PLUGIN);
    }

    /** The plugin with {@code packet} and {@code pluginSource} as its classes. */
    private static URL pluginClasses(String pkg, String dir, String packet, String pluginSource) throws IOException {
        Path classes = plugin.resolve(dir + "/classes");
        if (!Files.isDirectory(classes)) {
            Path sources = Files.createDirectories(plugin.resolve(dir + "/src"));
            Files.writeString(sources.resolve("Packet.java"), packet.replace("PKG", pkg));
            Files.writeString(sources.resolve("Plugin.java"), pluginSource.replace("PKG", pkg));
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            int exit = javac.run(null, null, null, "--release", "11", "-d", classes.toString(),
                    sources.resolve("Packet.java").toString(), sources.resolve("Plugin.java").toString());
            assertEquals(0, exit, "the plugin compiles");
        }
        return classes.toUri().toURL();
    }
}
