package dev.slabagent.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slabagent.runtime.SlabRegistry;
import dev.slabagent.runtime.SlabStats;
import fixture.sites.Point;
import fixture.sites.Points;
import fixture.sites.Sites;
import fixture.sites.SubPoint;
import fixture.sites.Wrapper;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every shape of {@code new T(..)} site is rewritten, verifies, and computes what the original computed. */
class SiteRewritingTest {

    private static final String POINT = "fixture/sites/Point";

    @BeforeAll
    static void install() {
        Installation installed = TestAgent.install("""
                slab.point.class=fixture.sites.Point
                slab.point.release=fixture.sites.Points#release:0
                slab.point.capacity=64
                sites=fixture.sites
                """);
        assertEquals(List.of("point"), installed.activated(), installed.problems().toString());
        assertEquals(List.of(), installed.problems());
    }

    @AfterAll
    static void uninstall() {
        TestAgent.installer().uninstall();
    }

    @Test
    void noNewOfTheCachedClassIsLeft() throws Exception {
        for (Class<?> c : List.of(Sites.class, SubPoint.class, Points.class)) {
            byte[] rewritten = TestAgent.currentClassFile(c);
            assertEquals(List.of(), TestAgent.methodsWithNew(rewritten, POINT), c.getName());
            assertEquals("", TestAgent.verify(rewritten, c.getClassLoader()), c.getName());
        }
        assertEquals(16, TestAgent.slabSites(TestAgent.currentClassFile(Sites.class)));
        assertEquals(1, TestAgent.slabSites(TestAgent.currentClassFile(SubPoint.class)));
        assertEquals(List.of("wrapped()Lfixture/sites/Wrapper;"),
                TestAgent.methodsWithNew(TestAgent.currentClassFile(Sites.class), "fixture/sites/Wrapper"),
                "a class that is not cached keeps its NEW");
    }

    @Test
    void rewrittenSitesComputeWhatTheOriginalsDid() {
        Point nested = Sites.nested();
        assertEquals(4, nested.x);
        assertEquals(2.5, nested.y);
        assertEquals(1, Sites.ternary(true).x);
        assertEquals(2, Sites.ternary(false).x);
        assertEquals(7, Sites.ternaryArgs(true).x);
        assertEquals(6.5, Sites.ternaryArgs(true).y);
        assertEquals(8, Sites.ternaryArgs(false).x);
        assertEquals(0.5, Sites.ternaryArgs(false).y);
        assertEquals(12, Sites.tryCatch("12").x);
        assertEquals(-1, Sites.tryCatch("twelve").x);
        assertEquals(9, Sites.lambda().get().x);
        assertEquals(0, Sites.ORIGIN.x);
        Sites s = new Sites(42);
        assertEquals(1, s.field.x);
        assertEquals(42, s.mine.x);
        assertEquals(2.0, s.mine.y);
        Wrapper w = Sites.wrapped();
        assertEquals(4, w.point.x);
        SubPoint sub = new SubPoint();
        assertEquals(11, sub.x);
        assertEquals(3.0, sub.y);
        Sites.discarded();
    }

    @Test
    void steadyLoopHitsAndStopsMissing() {
        assertEquals(999L * 1000 / 2, Sites.loop(1000));
        SlabStats first = SlabRegistry.get("point").stats();
        assertEquals(999L * 1000 / 2, Sites.loop(1000));
        SlabStats second = SlabRegistry.get("point").stats();
        assertEquals(first.misses(), second.misses(), "a steady loop must not miss");
        assertEquals(first.hits() + 1000, second.hits());
        assertTrue(second.frees() >= 2000, "every loop iteration frees: " + second);
        assertTrue(second.objSize() > 0, "objsize is measured: " + second);
    }

    @Test
    void subclassInstanceIsNeverFreedIntoTheCache() {
        long frees = SlabRegistry.get("point").stats().frees();
        Points.release(new SubPoint());
        Points.release(null);
        assertEquals(frees, SlabRegistry.get("point").stats().frees());
    }

    @Test
    void releasedObjectIsReusedBySites() {
        Point p = Sites.ternary(true);
        Points.release(p);
        Point again = Sites.ternary(false);
        assertTrue(again == p, "the freed point comes back from the cache");
        assertEquals(2, again.x);
        assertEquals(2.0, again.y);
    }
}
