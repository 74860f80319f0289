package dev.slabagent.runtime.debug;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * Poisons a released object, as SLUB's {@code POISON_FREE}: every byte of a number becomes {@code 0x6b}
 * ({@code int} 0x6b6b6b6b, {@code long} 0x6b6b6b6b6b6b6b6b, floating point numbers with those bits), a
 * {@code char} 0x6b6b, a {@code boolean} true and a reference null, so a stale reader sees a recognisable value
 * or fails fast, even outside rewritten code. Fields preserved across reuse ({@code preserve}) are left alone.
 */
final class Poison {

    /** SLUB's poison byte for freed objects. */
    static final byte BYTE = 0x6b;
    static final short SHORT = 0x6b6b;
    static final char CHAR = '\u6b6b';
    static final int INT = 0x6b6b6b6b;
    static final long LONG = 0x6b6b6b6b6b6b6b6bL;

    private final Class<?> type;
    private final List<Field> fields;

    private Poison(Class<?> type, List<Field> fields) {
        this.type = type;
        this.fields = fields;
    }

    /** The poison of objects or arrays of exactly {@code type}; fields named in {@code preserved} are kept. */
    static Poison of(Class<?> type, Set<String> preserved) {
        List<Field> fields = new ArrayList<>();
        if (!type.isArray()) {
            for (Field f : type.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && !preserved.contains(f.getName()) && writable(f)) {
                    fields.add(f);
                }
            }
        }
        return new Poison(type, List.copyOf(fields));
    }

    private static boolean writable(Field f) {
        try {
            f.setAccessible(true);
            return true;
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(Poison.class).warn("slab-agent: cannot poison {}.{} ({}); it keeps its value",
                    f.getDeclaringClass().getName(), f.getName(), e.toString());
            return false;
        }
    }

    /** The class this poison was made for. */
    Class<?> type() {
        return type;
    }

    /** Overwrites the fields (or elements) of {@code o}, an object of exactly {@link #type()}. */
    void apply(Object o) {
        if (type.isArray()) {
            fill(o);
            return;
        }
        for (Field f : fields) {
            try {
                f.set(o, value(f.getType()));
            } catch (IllegalAccessException | RuntimeException e) {
                // a field that cannot be written keeps its value: poisoning is a help, not a guarantee
            }
        }
    }

    private static Object value(Class<?> t) {
        if (!t.isPrimitive()) {
            return null;
        }
        if (t == boolean.class) {
            return true;
        }
        if (t == byte.class) {
            return BYTE;
        }
        if (t == short.class) {
            return SHORT;
        }
        if (t == char.class) {
            return CHAR;
        }
        if (t == int.class) {
            return INT;
        }
        if (t == long.class) {
            return LONG;
        }
        return t == float.class ? Float.intBitsToFloat(INT) : Double.longBitsToDouble(LONG);
    }

    private static void fill(Object array) {
        if (array instanceof Object[] a) {
            Arrays.fill(a, null);
        } else if (array instanceof byte[] a) {
            Arrays.fill(a, BYTE);
        } else if (array instanceof short[] a) {
            Arrays.fill(a, SHORT);
        } else if (array instanceof char[] a) {
            Arrays.fill(a, CHAR);
        } else if (array instanceof int[] a) {
            Arrays.fill(a, INT);
        } else if (array instanceof long[] a) {
            Arrays.fill(a, LONG);
        } else if (array instanceof float[] a) {
            Arrays.fill(a, Float.intBitsToFloat(INT));
        } else if (array instanceof double[] a) {
            Arrays.fill(a, Double.longBitsToDouble(LONG));
        } else if (array instanceof boolean[] a) {
            Arrays.fill(a, true);
        }
    }
}
