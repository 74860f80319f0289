package dev.slabagent.agent.config;

import java.util.List;

/**
 * The condition under which a release point frees the object ({@code slab.NAME.when=ref==0}): a comparison of one
 * int or boolean field of the object with a constant.
 *
 * @param field     the field's name
 * @param op        one of {@link #OPERATORS}; only {@code ==} and {@code !=} for a boolean
 * @param value     the constant; for a boolean, 1 for {@code true} and 0 for {@code false}
 * @param isBoolean true if the constant was {@code true} or {@code false} (the field must then be a boolean)
 */
public record Guard(String field, String op, long value, boolean isBoolean) {

    /** The comparison operators, longest first (the order the parser tries them in). */
    public static final List<String> OPERATORS = List.of("==", "!=", "<=", ">=", "<", ">");

    /** Evaluates the guard for a field holding {@code fieldValue} (a boolean as 1 or 0). */
    public boolean test(long fieldValue) {
        return switch (op) {
            case "==" -> fieldValue == value;
            case "!=" -> fieldValue != value;
            case "<=" -> fieldValue <= value;
            case ">=" -> fieldValue >= value;
            case "<" -> fieldValue < value;
            case ">" -> fieldValue > value;
            default -> throw new IllegalStateException("unknown operator " + op);
        };
    }

    @Override
    public String toString() {
        return field + op + (isBoolean ? Boolean.toString(value != 0) : Long.toString(value));
    }
}
