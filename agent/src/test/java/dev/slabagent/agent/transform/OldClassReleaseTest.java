package dev.slabagent.agent.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slabagent.runtime.SlabCache;
import dev.slabagent.runtime.Strategy;
import dev.slabagent.runtime.alloc.Release;
import dev.slabagent.runtime.alloc.ReleaseBinding;
import fixture.sites.Point;
import fixture.sites.Points;
import com.sun.management.ThreadMXBean;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * A release owner compiled for Java 8 (no dynamic constants) gets the release code that looks its handle
 * up by id; the JVM accepts it and it frees, with the guard's class check, like the newer form.
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
        Class<?> owner = new OneClassLoader(getClass().getClassLoader(), Points.class.getName(), rewritten)
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
        try {
            SlabTransformer transformer = new SlabTransformer(List.of(new Rewrite(PointPlan.of("old-zero"), id)),
                    PointPlan.FILTER);
            byte[] rewritten = transformer.transform(getClass().getModule(), getClass().getClassLoader(),
                    "fixture/sites/Points", null, null, asJava8(Points.class));
            Class<?> owner = new OneClassLoader(getClass().getClassLoader(), Points.class.getName(), rewritten)
                    .loadClass(Points.class.getName());
            MethodHandle release = MethodHandles.lookup().findStatic(owner, "release",
                    MethodType.methodType(void.class, Point.class));
            Point point = new Point(1, 2.0);
            roundTrips(release, cache, point, 50_000);
            ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
            long tid = Thread.currentThread().getId();
            long before = threads.getThreadAllocatedBytes(tid);
            roundTrips(release, cache, point, 200_000);
            long allocated = threads.getThreadAllocatedBytes(tid) - before;
            assertTrue(allocated < 16_384, "200,000 releases and allocations of a Java 8 release owner allocated "
                    + allocated + " bytes");
            assertEquals(250_000, cache.stats().frees());
        } finally {
            Release.unregister(id);
        }
    }

    private static void roundTrips(MethodHandle release, SlabCache cache, Point point, int n) throws Throwable {
        for (int i = 0; i < n; i++) {
            release.invokeExact(point);
            if (cache.allocate() != point) {
                throw new AssertionError("the released point did not come back from the cache");
            }
        }
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

    /** Defines one class from given bytes, delegating everything else to its parent. */
    private static final class OneClassLoader extends ClassLoader {
        private final String name;
        private final byte[] classFile;

        OneClassLoader(ClassLoader parent, String name, byte[] classFile) {
            super(parent);
            this.name = name;
            this.classFile = classFile;
        }

        @Override
        protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
            if (className.equals(name)) {
                synchronized (getClassLoadingLock(className)) {
                    Class<?> c = findLoadedClass(className);
                    return c != null ? c : defineClass(className, classFile, 0, classFile.length);
                }
            }
            return super.loadClass(className, resolve);
        }
    }
}
