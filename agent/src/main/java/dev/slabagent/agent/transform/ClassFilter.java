package dev.slabagent.agent.transform;

import java.util.List;

/**
 * Which classes the agent may touch: never the JDK's or the agent's own (its runtime and shaded
 * libraries); allocation sites only in classes under the configured {@code sites} package prefixes
 * (all other classes when there are none).
 */
public final class ClassFilter {

    private static final List<String> NEVER = List.of("java/", "javax/", "jdk/", "sun/", "com/sun/",
            "dev/slabagent/agent/", "dev/slabagent/runtime/", "dev/slabagent/shaded/", "net/bytebuddy/",
            "org/objectweb/asm/", "org/slf4j/");

    private final List<String> sitePrefixes;

    /** @param sitePrefixes dotted package prefixes ({@code com.example}); empty for every package */
    public ClassFilter(List<String> sitePrefixes) {
        this.sitePrefixes = sitePrefixes.stream().map(p -> p.replace('.', '/')).toList();
    }

    /** Whether the class with this internal name may be rewritten at all. */
    public boolean mayRewrite(String internalName) {
        return NEVER.stream().noneMatch(internalName::startsWith);
    }

    /** Whether {@code new} sites in this class are rewritten. */
    public boolean isSite(String internalName) {
        return mayRewrite(internalName) && (sitePrefixes.isEmpty()
                || sitePrefixes.stream().anyMatch(p -> internalName.startsWith(p + "/") || internalName.equals(p)));
    }
}
