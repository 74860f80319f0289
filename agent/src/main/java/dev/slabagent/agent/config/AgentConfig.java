package dev.slabagent.agent.config;

import dev.slabagent.runtime.debug.DebugMode;
import java.util.List;

/**
 * A parsed agent config: the caches that passed the syntax checks and one line per problem found.
 *
 * @param caches        the valid caches, in the order they first appear in the file
 * @param sitePrefixes  package prefixes whose code is rewritten ({@code sites}); empty means all but JDK and agent
 * @param reportAtExit  whether the slabinfo table is printed to stderr at exit ({@code report=exit})
 * @param debug         slab debugging mode ({@code debug})
 * @param errors        one line per problem, each starting {@code slab-agent: config: }; empty if none
 */
public record AgentConfig(List<CacheSpec> caches, List<String> sitePrefixes, boolean reportAtExit,
                          DebugMode debug, List<String> errors) {

    /** Makes the lists unmodifiable. */
    public AgentConfig {
        caches = List.copyOf(caches);
        sitePrefixes = List.copyOf(sitePrefixes);
        errors = List.copyOf(errors);
    }

    /** The cache of that name, or {@code null}. */
    public CacheSpec cache(String name) {
        for (CacheSpec c : caches) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }
}
