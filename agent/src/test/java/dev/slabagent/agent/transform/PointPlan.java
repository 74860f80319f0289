package dev.slabagent.agent.transform;

import dev.slabagent.agent.config.AgentConfig;
import dev.slabagent.agent.config.ConfigParser;
import java.util.List;

/** The validated plan of a cache of fixture.sites.Point released at Points#release, for transformer tests. */
final class PointPlan {

    /** Only fixture.sites is rewritten. */
    static final ClassFilter FILTER = new ClassFilter(List.of("fixture.sites"));

    private PointPlan() {
    }

    /** The plan of such a cache named {@code name}. */
    static CachePlan of(String name) throws InvalidCacheException {
        AgentConfig config = ConfigParser.parse("""
                slab.%s.class=fixture.sites.Point
                slab.%s.release=fixture.sites.Points#release:0
                """.formatted(name, name));
        return new CacheValidator(new ClassFiles(ClassLoader.getSystemClassLoader()), FILTER).validate(config.caches().get(0));
    }
}
