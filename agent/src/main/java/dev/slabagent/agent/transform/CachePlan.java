package dev.slabagent.agent.transform;

import dev.slabagent.agent.config.CacheSpec;
import dev.slabagent.agent.transform.reinit.ReinitTemplate;
import java.util.List;

/**
 * A cache that passed the semantic checks: what the transform needs to rewrite its sites and release points.
 *
 * @param spec           the cache as configured
 * @param internalName   internal name of the cached class ({@code com/example/Packet}), or for an array cache
 *                       the array's descriptor ({@code [B})
 * @param reinit         the reinit parts of the cached class and its superclasses, or {@code null} for an array cache
 * @param releaseMethods the release methods, each as name followed by descriptor ({@code done(Lcom/example/Packet;)V})
 */
public record CachePlan(CacheSpec spec, String internalName, ReinitTemplate reinit, List<String> releaseMethods) {

    /** Makes the list unmodifiable. */
    public CachePlan {
        releaseMethods = List.copyOf(releaseMethods);
    }

    /** Internal name of the class declaring the release methods. */
    public String releaseOwner() {
        return spec.release().owner().replace('.', '/');
    }
}
