package dev.slabagent.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slabagent.runtime.SlabRegistry;
import fixture.sites.Point;
import fixture.sites.Sites;
import fixture.sites.SubPoint;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code slab.NAME.sites}: a cache serves only the sites it names, the config's {@code sites} serving the others. */
class CacheSitesTest {

    private static final String POINT = "fixture/sites/Point";

    @AfterEach
    void uninstall() {
        TestAgent.installer().uninstall();
    }

    @Test
    void aCacheWithItsOwnSitesLeavesEveryOtherClassAlone() throws Exception {
        Installation installed = TestAgent.install("""
                slab.point.class=fixture.sites.Point
                slab.point.release=fixture.sites.Points#release:0
                slab.point.sites=fixture.sites.SubPoint
                sites=fixture
                """);
        assertEquals(List.of("point"), installed.activated(), installed.problems().toString());

        assertEquals(1, TestAgent.slabSites(TestAgent.currentClassFile(SubPoint.class)));
        assertEquals(List.of(), TestAgent.methodsWithNew(TestAgent.currentClassFile(SubPoint.class), POINT));
        byte[] sites = TestAgent.currentClassFile(Sites.class);
        assertEquals(0, TestAgent.slabSites(sites), "Sites is under the config's sites but not under the cache's");
        assertTrue(TestAgent.methodsWithNew(sites, POINT).size() > 1, "Sites keeps its NEWs");

        long allocs = SlabRegistry.get("point").stats().allocs();
        new SubPoint();
        Point p = Sites.nested();
        assertEquals(4, p.x);
        assertEquals(allocs + 1, SlabRegistry.get("point").stats().allocs(), "only SubPoint's site allocates from the cache");
    }

    @Test
    void aMalformedCacheSitesEntryLeavesTheCacheOut() {
        Installation installed = TestAgent.install("""
                slab.point.class=fixture.sites.Point
                slab.point.release=fixture.sites.Points#release:0
                slab.point.sites=fixture.sites.SubPoint, 9bad
                """);
        assertEquals(List.of(), installed.activated());
        assertEquals(List.of("slab-agent: config: slab.point.sites: not a package prefix or class name: '9bad'"),
                installed.problems());
    }
}
