package dev.slabagent.runtime.alloc;

/** The comparison of a release guard ({@code when=FIELD OP VALUE}). */
public enum Comparison {
    /** {@code ==} */ EQ("=="),
    /** {@code !=} */ NE("!="),
    /** {@code <} */ LT("<"),
    /** {@code <=} */ LE("<="),
    /** {@code >} */ GT(">"),
    /** {@code >=} */ GE(">=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    /** The comparison written {@code symbol}; throws IllegalArgumentException naming it if there is none. */
    public static Comparison of(String symbol) {
        for (Comparison c : values()) {
            if (c.symbol.equals(symbol)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown comparison '" + symbol + "'");
    }

    /** Whether {@code left OP right} holds. */
    public boolean test(long left, long right) {
        switch (this) {
            case EQ: return left == right;
            case NE: return left != right;
            case LT: return left < right;
            case LE: return left <= right;
            case GT: return left > right;
            default: return left >= right;
        }
    }
}
