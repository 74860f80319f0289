package dev.slabagent.agent.transform.reinit;

import dev.slabagent.runtime.alloc.ReinitPart;
import java.util.List;

/**
 * The generated reinit code of a cached class.
 *
 * @param parts the parts of the cached class and of its superclasses outside the JDK, the cached class's first
 */
public record ReinitTemplate(List<ReinitPart> parts) {

    /** Copies the list. */
    public ReinitTemplate {
        parts = List.copyOf(parts);
    }
}
