package dev.slabagent.agent.transform.reinit;

import java.util.List;

/**
 * A generated reinit class.
 *
 * @param classFile   the class file of {@code T$$SlabReinit}
 * @param finalFields T's final instance fields, in the order the class indexes its setters in class data
 */
public record ReinitTemplate(byte[] classFile, List<String> finalFields) {
}
