package dev.slabagent.agent.transform;

import java.util.List;
import net.bytebuddy.ByteBuddy;
import org.objectweb.asm.Opcodes;
import org.slf4j.Logger;
import picocli.CommandLine;

/**
 * Which classes the agent may touch: never the JDK's or the agent's own (its runtime and the libraries it
 * runs on); allocation sites only in classes under the configured {@code sites} package prefixes (all other
 * classes when there are none).
 *
 * <p>The agent's libraries are named by class literals, not strings: in the shipped jar shade relocates them
 * under {@code dev/slabagent/shaded/}, so a host program's own ByteBuddy, ASM or SLF4J is host code like any
 * other, while in an unshaded build (the agent's own tests) the same literals name {@code net/bytebuddy/} etc.
 * String constants would not say what is meant: shade rewrites those too, by pattern matching.
 */
public final class ClassFilter {

    private static final List<String> NEVER = List.of("java/", "javax/", "jdk/", "sun/", "com/sun/",
            "dev/slabagent/agent/", "dev/slabagent/runtime/", "dev/slabagent/shaded/",
            packageOf(ByteBuddy.class), packageOf(Opcodes.class), packageOf(Logger.class), packageOf(CommandLine.class));

    private final List<String> sitePrefixes;

    /** @param sitePrefixes dotted package prefixes ({@code com.example}); empty for every package */
    public ClassFilter(List<String> sitePrefixes) {
        this.sitePrefixes = sitePrefixes.stream().map(p -> p.replace('.', '/')).toList();
    }

    /**
     * Whether the class with this internal name may be rewritten at all. Asked of every class loaded and, at an attach,
     * of every class loaded before: plain loops, not streams, which cold (interpreted) cost tens of microseconds each.
     */
    public boolean mayRewrite(String internalName) {
        for (String prefix : NEVER) {
            if (internalName.startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }

    /** The internal-name prefix of a class's package and its subpackages ({@code net/bytebuddy/}). */
    private static String packageOf(Class<?> type) {
        return type.getPackageName().replace('.', '/') + "/";
    }

    /** Whether {@code new} sites in this class are rewritten. */
    public boolean isSite(String internalName) {
        if (!mayRewrite(internalName)) {
            return false;
        }
        if (sitePrefixes.isEmpty()) {
            return true;
        }
        for (String p : sitePrefixes) {
            if (internalName.startsWith(p)
                    && (internalName.length() == p.length() || internalName.charAt(p.length()) == '/')) {
                return true;
            }
        }
        return false;
    }
}
