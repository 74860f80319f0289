package dev.slabagent.agent;

import java.util.List;

/**
 * What {@link AgentInstaller#install} did.
 *
 * @param activated names of the caches switched on, in config order
 * @param problems  one line per problem (config syntax and semantic checks); the caches concerned are left out
 * @param summary   one line per activated cache: {@code NAME: on (strategy S, N classes retransformed)}
 */
public record Installation(List<String> activated, List<String> problems, List<String> summary) {

    /** Makes the lists unmodifiable. */
    public Installation {
        activated = List.copyOf(activated);
        problems = List.copyOf(problems);
        summary = List.copyOf(summary);
    }
}
