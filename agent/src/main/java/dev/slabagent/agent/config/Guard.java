package dev.slabagent.agent.config;

import java.util.List;
import java.util.function.LongPredicate;
import java.util.stream.Collectors;

/**
 * The condition under which a release point frees the object ({@code slab.NAME.when=ref==0&&closed==true}): one
 * or more comparisons of a field of the object with a constant, all of which must hold.
 *
 * @param terms the comparisons, in the order written; never empty
 */
public record Guard(List<Term> terms) {

    /** The comparison operators, longest first (the order the parser tries them in). */
    public static final List<String> OPERATORS = List.of("==", "!=", "<=", ">=", "<", ">");

    /** What joins two comparisons; the only connective. */
    public static final String AND = "&&";

    public Guard {
        terms = List.copyOf(terms);
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("a guard has at least one comparison");
        }
    }

    /** What a comparison's field must be, told by its constant. */
    public enum Kind {
        /** An integer constant: the field is {@code byte}, {@code short}, {@code char}, {@code int} or {@code long}. */
        INTEGER,
        /** {@code true} or {@code false}: the field is a {@code boolean}, read as 1 or 0. */
        BOOLEAN,
        /** {@code null}: the field is a reference, read as 0 when null and 1 otherwise. */
        NULL
    }

    /**
     * One comparison of a field with a constant.
     *
     * @param field the field's name
     * @param op    one of {@link #OPERATORS}; only {@code ==} and {@code !=} for a boolean or {@code null}
     * @param value the constant as the field is read: 1 for {@code true}, 0 for {@code false} and {@code null}
     * @param kind  what the field must be
     */
    public record Term(String field, String op, long value, Kind kind) {

        /** Evaluates the comparison for a field read as {@code fieldValue}. */
        public boolean test(long fieldValue) {
            return predicate().test(fieldValue);
        }

        /**
         * The comparison compiled to its operator, for the release code: the operator is chosen once here, not on
         * every release (a {@code switch} on the operator's string costs its hash and {@code equals} each time).
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
            return field + op + switch (kind) {
                case INTEGER -> Long.toString(value);
                case BOOLEAN -> Boolean.toString(value != 0);
                case NULL -> "null";
            };
        }
    }

    @Override
    public String toString() {
        return terms.stream().map(Term::toString).collect(Collectors.joining(AND));
    }
}
