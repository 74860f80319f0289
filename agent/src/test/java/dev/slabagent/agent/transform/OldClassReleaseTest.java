package dev.slabagent.agent.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slabagent.runtime.SlabCache;
import dev.slabagent.runtime.Strategy;
import dev.slabagent.runtime.alloc.AllocBinding;
import dev.slabagent.runtime.alloc.Release;
import dev.slabagent.runtime.alloc.ReleaseBinding;
import dev.slabagent.runtime.alloc.SlabSites;
import fixture.sites.Point;
import fixture.sites.Points;
import fixture.sites.Sites;
import com.sun.management.ThreadMXBean;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * A release owner compiled for Java 8 (no dynamic constants) gets the release code that looks its handle
 * up by id; the JVM accepts it and it frees, with the guard's class check, like the newer form, and neither
 * its releases nor the rewritten allocation sites of a Java 8 class allocate.
 */
class OldClassReleaseTest {

    @Test
    void java8ReleaseOwnerFreesThroughTheIdLookup() throws Exception {
        SlabCache cache = SlabCache.create("old", Strategy.LOCKED, 8);
        int id = Release.register(new ReleaseBinding(cache, Point.class.getName(), null, v -> true));
        SlabTransformer transformer = new SlabTransformer(List.of(new Rewrite(PointPlan.of("old"), id)), PointPlan.FILTER);

        byte[] java8 = asJava8(Points.class);
        byte[] rewritten = transformer.transform(getClass().getModule(), getClass().getClassLoader(),
                "fixture/sites/Points", null, null, java8);
        assertNotNull(rewritten);
        assertEquals(Opcodes.V1_8, new ClassReader(rewritten).readUnsignedShort(6));
        Class<?> owner = new ClassesLoader(getClass().getClassLoader(), Map.of(Points.class.getName(), rewritten))
                .loadClass(Points.class.getName());
        owner.getMethod("release", Point.class).invoke(null, new Point(1, 2.0));
        owner.getMethod("release", Point.class).invoke(null, (Object) null);
        assertEquals(1, cache.stats().frees());
        Release.unregister(id);
        owner.getMethod("release", Point.class).invoke(null, new Point(1, 2.0));
        assertEquals(1, cache.stats().frees(), "an unregistered release point frees nothing");
    }

    @Test
    void java8ReleasesAndAllocationsAllocateNothing() throws Throwable {
        SlabCache cache = SlabCache.create("old-zero", Strategy.LOCKED, 8);
        int id = Release.register(new ReleaseBinding(cache, Point.class.getName(), null, v -> true));
        CachePlan plan = PointPlan.of("old-zero");
        SlabSites.bind("old-zero", new AllocBinding(cache, plan.reinit().classFile(), plan.reinit().finalFields()));
        try {
            SlabTransformer transformer = new SlabTransformer(List.of(new Rewrite(plan, id)), PointPlan.FILTER);
            ClassLoader loader = new ClassesLoader(getClass().getClassLoader(), Map.of(
                    Point.class.getName(), asJava8(Point.class),
                    Sites.class.getName(), java8(transformer, Sites.class),
                    Points.class.getName(), java8(transformer, Points.class)));
            Class<?> point = loader.loadClass(Point.class.getName());
            MethodHandle release = MethodHandles.publicLookup().findStatic(loader.loadClass(Points.class.getName()),
                    "release", MethodType.methodType(void.class, point)).asType(MethodType.methodType(void.class, Object.class));
            MethodHandle allocate = MethodHandles.publicLookup().findStatic(loader.loadClass(Sites.class.getName()),
                    "ternary", MethodType.methodType(point, boolean.class)).asType(MethodType.methodType(Object.class, boolean.class));
            roundTrips(allocate, release, 50_000);
            ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
            long tid = Thread.currentThread().getId();
            long before = threads.getThreadAllocatedBytes(tid);
            roundTrips(allocate, release, 200_000);
            long allocated = threads.getThreadAllocatedBytes(tid) - before;
            assertTrue(allocated < 16_384, "200,000 allocations and releases in Java 8 class files allocated "
                    + allocated + " bytes");
            assertTrue(cache.stats().frees() >= 250_000, "every round trip frees: " + cache.stats());
        } finally {
            SlabSites.unbind("old-zero");
            Release.unregister(id);
        }
    }

    /** Allocates a point at a rewritten site and releases it, {@code n} times; the second allocation on is a hit. */
    private static void roundTrips(MethodHandle allocate, MethodHandle release, int n) throws Throwable {
        Object first = allocate.invokeExact(true);
        release.invokeExact(first);
        for (int i = 0; i < n; i++) {
            Object p = allocate.invokeExact(true);
            if (p != first) {
                throw new AssertionError("the released point did not come back from the cache");
            }
            release.invokeExact(p);
        }
    }

    /** {@code type} relabelled as a Java 8 class file and transformed. */
    private byte[] java8(SlabTransformer transformer, Class<?> type) throws Exception {
        String internal = type.getName().replace('.', '/');
        byte[] rewritten = transformer.transform(getClass().getModule(), getClass().getClassLoader(), internal,
                null, null, asJava8(type));
        assertNotNull(rewritten, internal + " is rewritten");
        return rewritten;
    }

    private static byte[] asJava8(Class<?> type) throws Exception {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            ClassWriter writer = new ClassWriter(0);
            new ClassReader(in.readAllBytes()).accept(new ClassVisitor(Opcodes.ASM9, writer) {
                @Override
                public void visit(int version, int access, String name, String signature, String superName,
                                  String[] interfaces) {
                    super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
                }
            }, 0);
            return writer.toByteArray();
        }
    }

    /** Defines the given classes from their bytes (in one runtime package), delegating everything else to its parent. */
    private static final class ClassesLoader extends ClassLoader {
        private final Map<String, byte[]> classFiles;

        ClassesLoader(ClassLoader parent, Map<String, byte[]> classFiles) {
            super(parent);
            this.classFiles = classFiles;
        }

        @Override
        protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
            byte[] classFile = classFiles.get(className);
            if (classFile != null) {
                synchronized (getClassLoadingLock(className)) {
                    Class<?> c = findLoadedClass(className);
                    return c != null ? c : defineClass(className, classFile, 0, classFile.length);
                }
            }
            return super.loadClass(className, resolve);
        }
    }
}
