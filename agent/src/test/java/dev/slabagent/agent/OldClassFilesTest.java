package dev.slabagent.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import dev.slabagent.runtime.SlabCache;
import dev.slabagent.runtime.SlabRegistry;
import dev.slabagent.runtime.alloc.OldSites;
import dev.slabagent.runtime.alloc.Release;
import dev.slabagent.runtime.alloc.SlabSites;
import fixture.java8.Frame;
import fixture.java8.Frames;
import fixture.java8.Spin;
import fixture.java8.Tick;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.SimpleRemapper;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Class files without {@code invokedynamic}: the Java 8 fixtures ({@link Frame}, {@link Frames}) copied into
 * {@code fixture.java5} as Java 5 class files (no stack map frames) and into {@code fixture.java6} as Java 6 ones,
 * on the system class path. Their sites take the cache's target from {@link OldSites}, their release code the
 * release point's handle by id, the reinit class gets computed frames, and a round trip allocates nothing.
 */
class OldClassFilesTest {

    private static final Map<String, Integer> VERSIONS = Map.of("java5", Opcodes.V1_5, "java6", Opcodes.V1_6);
    private static final List<Class<?>> FIXTURES = List.of(Frame.class, Frames.class, Spin.class, Tick.class);
    private static final int WARM_UP = 50_000;
    private static final int ROUND_TRIPS = 200_000;
    private static final long BOUND = 16_384;

    @BeforeAll
    static void putOldClassFilesOnTheClassPath(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("old-class-files.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Map.Entry<String, Integer> v : VERSIONS.entrySet()) {
                for (Class<?> c : FIXTURES) {
                    out.putNextEntry(new JarEntry(renamed(c, v.getKey()) + ".class"));
                    out.write(oldClassFile(c, v.getKey(), v.getValue()));
                }
            }
        }
        TestAgent.instrumentation().appendToSystemClassLoaderSearch(new JarFile(jar.toFile()));
    }

    @AfterEach
    void uninstall() {
        TestAgent.installer().uninstall();
    }

    @ParameterizedTest
    @ValueSource(strings = {"java5", "java6"})
    @SuppressWarnings("unchecked")
    void sitesAndReleasesWorkWithoutInvokedynamic(String pkg) throws Throwable {
        install(pkg, "locked");
        Fixture f = new Fixture(pkg);
        assertEquals((int) VERSIONS.get(pkg), new ClassReader(resource(f.frames)).readUnsignedShort(6));
        String frame = renamed(Frame.class, pkg);
        assertEquals(List.of("open(J)L" + frame + "; " + Type.getInternalName(OldSites.class) + ".siteOf",
                        "stop(L" + frame + ";)V " + Type.getInternalName(Release.class) + ".releaserOf"),
                calls(read(TestAgent.currentClassFile(f.frames))));

        Object used = f.open(7);
        f.frame.getField("weight").setDouble(used, 9);
        ((Collection<Object>) f.frame.getField("tags").get(used)).add("used");
        f.stop(used);
        Object recycled = f.open(8);
        assertSame(used, recycled);
        Object fresh = f.frame.getConstructor(long.class, int.class, double.class).newInstance(8L, 3, 0.5);
        assertNotSame(fresh, recycled);
        FieldState.assertSameState(fresh, recycled);
    }

    @ParameterizedTest
    @CsvSource({"java5, locked", "java5, magazine", "java6, magazine"})
    void releasesAndAllocationsAllocateNothing(String pkg, String strategy) throws Throwable {
        install(pkg, strategy);
        Fixture f = new Fixture(pkg);
        Object first = f.roundTrips(null, WARM_UP);
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        f.roundTrips(first, ROUND_TRIPS);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < BOUND, ROUND_TRIPS + " allocations and releases of " + pkg + " class files allocated "
                + allocated + " bytes");
        assertTrue(SlabRegistry.get("frame").stats().hits() >= ROUND_TRIPS, SlabRegistry.get("frame").stats().toString());
    }

    /** A re-attach rewrites the sites again: same ids, linked to the new cache, none to the replaced one. */
    @Test
    void aReattachGivesTheSitesTheirIdsBackLinkedToTheNewCache() throws Throwable {
        install("java6", "magazine");
        Fixture f = new Fixture("java6");
        f.roundTrips(null, 10);
        int ids = OldSites.size();
        SlabCache replaced = SlabRegistry.get("frame");
        long replacedAllocs = replaced.stats().allocs();

        install("java6", "magazine");
        assertEquals(ids, OldSites.size(), "a site rewritten again gets its id back");
        f.roundTrips(null, 10);
        assertNotSame(replaced, SlabRegistry.get("frame"));
        assertEquals(10, SlabRegistry.get("frame").stats().allocs(), "the sites allocate from the new cache");
        assertEquals(replacedAllocs, replaced.stats().allocs(), "and no longer from the replaced one");
    }

    /**
     * A frame still running a method's old code keeps calling its sites with their old types when a second cache
     * rewrites the method again: a site keeps its id by its type and place, never takes another site's.
     */
    @Test
    void aRunningFrameKeepsItsSitesWhenASecondCacheRewritesItsMethod() throws Throwable {
        install("java5", "magazine");
        Class<?> spin = Class.forName(renamed(Spin.class, "java5").replace('/', '.'), true,
                ClassLoader.getSystemClassLoader());
        AtomicReference<Throwable> died = new AtomicReference<>();
        Thread old = spinning(spin, died);
        awaitRounds(spin, 100_000, died);
        Installation both = TestAgent.install("""
                slab.frame.class=fixture.java5.Frame
                slab.frame.release=fixture.java5.Frames#stop:0
                slab.frame.when=ref==0
                slab.frame.preserve=tags
                slab.tick.class=fixture.java5.Tick
                slab.tick.release=fixture.java5.Spin#drop:0
                sites=fixture.java5
                """);
        assertEquals(List.of("frame", "tick"), both.activated());
        awaitRounds(spin, spin.getField("count").getLong(null) + 100_000, died);
        spin.getField("go").setBoolean(null, false);
        old.join(10_000);
        assertNull(died.get(), "the frame that ran the old code");

        spin.getField("tick").setBoolean(null, true);
        Thread fresh = spinning(spin, died);
        awaitRounds(spin, spin.getField("count").getLong(null) + 10_000, died);
        spin.getField("go").setBoolean(null, false);
        fresh.join(10_000);
        assertNull(died.get(), "the new code");
        assertTrue(SlabRegistry.get("tick").stats().allocs() > 0, "the new code's Tick site allocates from its cache");
    }

    /** A daemon thread running {@code Spin.spin} until {@code go} is cleared; what it throws goes to {@code died}. */
    private static Thread spinning(Class<?> spin, AtomicReference<Throwable> died) throws ReflectiveOperationException {
        MethodHandle run = MethodHandles.publicLookup().findStatic(spin, "spin", MethodType.methodType(void.class));
        spin.getField("go").setBoolean(null, true);
        Thread t = new Thread(() -> {
            try {
                run.invokeExact();
            } catch (Throwable e) {
                died.set(e);
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Waits until {@code Spin.count} reaches {@code rounds} (10 s at most); fails with what the loop threw. */
    private static void awaitRounds(Class<?> spin, long rounds, AtomicReference<Throwable> died) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (spin.getField("count").getLong(null) < rounds) {
            assertTrue(System.nanoTime() < deadline, "the loop stopped at " + spin.getField("count").getLong(null)
                    + " rounds: " + died.get());
            Thread.sleep(5);
        }
    }

    /**
     * A site linked while its cache was bound links again, to plain new, once the cache is unbound; a site reserved
     * again keeps its type.
     */
    @Test
    void anUnboundCacheUnlinksItsSites() throws Throwable {
        SlabSites sites = TestAgent.installer().linkage().sites();
        MethodHandle fromCache = MethodHandles.constant(String.class, "from the cache");
        sites.bind("old_probe", (caller, type, plainNew) -> MethodHandles.dropArguments(fromCache, 0, type.parameterList()));
        int id = OldSites.reserve("old_probe", getClass().getClassLoader(), "OldClassFilesTest.probe()V#0");
        OldSites.describe(id, "([C)Ljava/lang/String;");
        char[] text = {'n', 'e', 'w'};
        try {
            assertEquals("from the cache", (String) OldSites.siteOf(getClass(), id).invokeExact(text));
        } finally {
            sites.unbind("old_probe");
        }
        assertEquals("new", (String) OldSites.siteOf(getClass(), id).invokeExact(text));
        assertEquals(id, OldSites.reserve("old_probe", getClass().getClassLoader(), "OldClassFilesTest.probe()V#0"));
        assertThrows(IllegalStateException.class, () -> OldSites.describe(id, "()Ljava/lang/String;"),
                "a site whose type changed is not rewritten again: running code may call it with its old type");
        assertEquals("new", (String) OldSites.siteOf(getClass(), id).invokeExact(text));
    }

    /** The old-version copies of Frame and Frames in one package, called through method handles. */
    private static final class Fixture {
        private final Class<?> frame;
        private final Class<?> frames;
        private final MethodHandle open;
        private final MethodHandle stop;

        Fixture(String pkg) throws ReflectiveOperationException {
            ClassLoader system = ClassLoader.getSystemClassLoader();
            frame = Class.forName(renamed(Frame.class, pkg).replace('/', '.'), true, system);
            frames = Class.forName(renamed(Frames.class, pkg).replace('/', '.'), true, system);
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            open = lookup.findStatic(frames, "open", MethodType.methodType(frame, long.class))
                    .asType(MethodType.methodType(Object.class, long.class));
            stop = lookup.findStatic(frames, "stop", MethodType.methodType(void.class, frame))
                    .asType(MethodType.methodType(void.class, Object.class));
        }

        Object open(long id) throws Throwable {
            return (Object) open.invokeExact(id);
        }

        void stop(Object released) throws Throwable {
            stop.invokeExact(released);
        }

        /** Opens and stops a frame {@code n} times; every frame is {@code expected} once known. */
        Object roundTrips(Object expected, int n) throws Throwable {
            Object last = expected;
            for (int i = 0; i < n; i++) {
                Object f = (Object) open.invokeExact((long) i);
                if (last != null && f != last) {
                    throw new AssertionError("round trip " + i + " did not reuse the released frame");
                }
                stop.invokeExact(f);
                last = f;
            }
            return last;
        }
    }

    private static void install(String pkg, String strategy) {
        Installation installed = TestAgent.install("""
                slab.frame.class=fixture.%1$s.Frame
                slab.frame.release=fixture.%1$s.Frames#stop:0
                slab.frame.when=ref==0
                slab.frame.strategy=%2$s
                slab.frame.preserve=tags
                sites=fixture.%1$s
                """.formatted(pkg, strategy));
        assertEquals(List.of(), installed.problems());
        assertEquals(List.of("frame"), installed.activated());
    }

    /** The calls into the agent's runtime, each as "method owner.name". */
    private static List<String> calls(ClassNode c) {
        List<String> found = new ArrayList<>();
        for (MethodNode m : c.methods) {
            for (AbstractInsnNode insn : m.instructions) {
                if (insn instanceof InvokeDynamicInsnNode indy) {
                    found.add(m.name + m.desc + " indy " + indy.bsm.getOwner() + "." + indy.bsm.getName());
                } else if (insn instanceof MethodInsnNode call && call.owner.startsWith("dev/slabagent/")) {
                    found.add(m.name + m.desc + " " + call.owner + "." + call.name);
                }
            }
        }
        return found;
    }

    /** {@code c}'s internal name with package {@code fixture.java8} replaced by {@code fixture.PKG}. */
    private static String renamed(Class<?> c, String pkg) {
        return Type.getInternalName(c).replace("fixture/java8/", "fixture/" + pkg + "/");
    }

    /** {@code c} moved into {@code fixture.PKG} as a class file of {@code version}; without frames before Java 6. */
    private static byte[] oldClassFile(Class<?> c, String pkg, int version) throws IOException {
        ClassWriter writer = new ClassWriter(0);
        SimpleRemapper remapper = new SimpleRemapper(FIXTURES.stream()
                .collect(Collectors.toMap(Type::getInternalName, f -> renamed(f, pkg))));
        new ClassReader(resource(c)).accept(new ClassRemapper(writer, remapper) {
            @Override
            public void visit(int v, int access, String name, String signature, String superName, String[] interfaces) {
                super.visit(version, access, name, signature, superName, interfaces);
            }
        }, version < Opcodes.V1_6 ? ClassReader.SKIP_FRAMES : 0);
        return writer.toByteArray();
    }

    private static byte[] resource(Class<?> c) throws IOException {
        try (InputStream in = c.getClassLoader().getResourceAsStream(Type.getInternalName(c) + ".class")) {
            return in.readAllBytes();
        }
    }

    private static ClassNode read(byte[] classFile) {
        ClassNode node = new ClassNode();
        new ClassReader(classFile).accept(node, 0);
        return node;
    }
}
