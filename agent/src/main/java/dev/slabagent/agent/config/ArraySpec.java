package dev.slabagent.agent.config;

import java.util.Set;

/**
 * The array shape an array cache serves ({@code slab.NAME.array=byte[4096]}).
 *
 * @param elementType a primitive type name ({@code byte}, {@code int}, ...) or a class's binary name
 * @param length      the one length served; other lengths fall through to plain {@code new}
 */
public record ArraySpec(String elementType, int length) {

    /** The primitive element type names. */
    public static final Set<String> PRIMITIVES =
            Set.of("boolean", "byte", "char", "short", "int", "long", "float", "double");

    /** True if the elements are of a primitive type ({@code NEWARRAY}), false for references ({@code ANEWARRAY}). */
    public boolean isPrimitive() {
        return PRIMITIVES.contains(elementType);
    }

    @Override
    public String toString() {
        return elementType + "[" + length + "]";
    }
}
