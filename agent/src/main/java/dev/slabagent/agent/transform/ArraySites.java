package dev.slabagent.agent.transform;

import org.objectweb.asm.Opcodes;

/**
 * The array type an array-creating instruction makes, as a descriptor ({@code [B}, {@code [Ljava/lang/String;}):
 * the key array caches are found by. {@code MULTIANEWARRAY} is never an array cache's site.
 */
final class ArraySites {

    private ArraySites() {
    }

    /** The descriptor of the array a {@code NEWARRAY operand} makes. */
    static String ofNewArray(int operand) {
        return switch (operand) {
            case Opcodes.T_BOOLEAN -> "[Z";
            case Opcodes.T_BYTE -> "[B";
            case Opcodes.T_CHAR -> "[C";
            case Opcodes.T_SHORT -> "[S";
            case Opcodes.T_INT -> "[I";
            case Opcodes.T_LONG -> "[J";
            case Opcodes.T_FLOAT -> "[F";
            case Opcodes.T_DOUBLE -> "[D";
            default -> throw new IllegalArgumentException("not a NEWARRAY operand: " + operand);
        };
    }

    /** The descriptor of the array an {@code ANEWARRAY type} makes ({@code type} an internal name or array descriptor). */
    static String ofANewArray(String type) {
        return type.startsWith("[") ? "[" + type : "[L" + type + ";";
    }

    /** Whether {@code key} (a cached class's internal name or an array descriptor) is a primitive array's descriptor. */
    static boolean isPrimitiveArray(String key) {
        return key.length() == 2 && key.charAt(0) == '[';
    }
}
