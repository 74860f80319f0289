package dev.slabagent.agent.config;

import java.util.List;
import java.util.function.LongPredicate;

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
        return predicate().test(fieldValue);
    }

    /**
     * The guard compiled to its operator, for the release code: the operator is chosen once here, not on every
     * release (a {@code switch} on the operator's string costs its hash and {@code equals} each time).
     */
    public LongPredicate predicate() {
        long v = value;
        return switch (op) {
            case "==" -> x -> x == v;
            case "!=" -> x -> x != v;
            case "<=" -> x -> x <= v;
            case ">=" -> x -> x >= v;
            case "<" -> x -> x < v;
            case ">" -> x -> x > v;
            default -> throw new IllegalStateException("unknown operator " + op);
        };
    }

    @Override
    public String toString() {
        return field + op + (isBoolean ? Boolean.toString(value != 0) : Long.toString(value));
    }
}
