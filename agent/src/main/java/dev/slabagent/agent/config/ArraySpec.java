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

    /** The array type's descriptor: {@code [B} for {@code byte[4096]}, {@code [Lcom/example/T;} for {@code com.example.T[8]}. */
    public String descriptor() {
        return "[" + switch (elementType) {
            case "boolean" -> "Z";
            case "byte" -> "B";
            case "char" -> "C";
            case "short" -> "S";
            case "int" -> "I";
            case "long" -> "J";
            case "float" -> "F";
            case "double" -> "D";
            default -> "L" + elementType.replace('.', '/') + ";";
        };
    }

    /** The array class's name as {@link Class#getName()} gives it ({@code [B}, {@code [Lcom.example.T;}). */
    public String className() {
        return descriptor().replace('/', '.');
    }

    @Override
    public String toString() {
        return elementType + "[" + length + "]";
    }
}
