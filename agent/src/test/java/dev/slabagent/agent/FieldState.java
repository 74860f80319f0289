package dev.slabagent.agent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slabagent.runtime.alloc.JdkFields;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;

/** Compares two objects field by field, as "indistinguishable from a fresh object" requires. */
final class FieldState {

    private FieldState() {
    }

    /**
     * Fails naming the first instance field, of the class or any superclass (the JDK's included), whose value
     * differs: {@code equals}, arrays by content; an object the constructor made of an application class without
     * its own {@code equals} (or a plain {@code Object}) field by field in turn; a field referring to an object
     * being compared (the object itself, say) must refer to its counterpart.
     */
    static void assertSameState(Object expected, Object actual) throws ReflectiveOperationException {
        assertTrue(expected.getClass() == actual.getClass(), "classes differ");
        compare(expected, actual, expected.getClass().getSimpleName(), new IdentityHashMap<>());
    }

    private static void compare(Object expected, Object actual, String path, Map<Object, Object> pairs)
            throws ReflectiveOperationException {
        pairs.put(expected, actual);
        for (Class<?> c = expected.getClass(); c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                Object want = value(f, expected);
                Object got = value(f, actual);
                String where = path + "." + c.getSimpleName() + "." + f.getName();
                if (want != null && pairs.containsKey(want)) {
                    assertTrue(pairs.get(want) == got, "field " + where + ": refers to another object");
                } else if (want != got && want != null && got != null && want.getClass() == got.getClass()
                        && comparedByFields(want.getClass())) {
                    compare(want, got, where, pairs);
                } else {
                    assertTrue(Objects.deepEquals(want, got), "field " + where + ": expected " + show(want)
                            + " but was " + show(got));
                }
            }
        }
    }

    /** A plain Object, or an application class that keeps Object's identity equals. */
    private static boolean comparedByFields(Class<?> type) throws NoSuchMethodException {
        return type == Object.class || !type.isArray() && !type.getModule().isNamed()
                && type.getMethod("equals", Object.class).getDeclaringClass() == Object.class;
    }

    private static Object value(Field f, Object o) throws ReflectiveOperationException {
        if (f.getDeclaringClass().getModule().isNamed()) {
            return JdkFields.get(f, o);
        }
        f.setAccessible(true);
        return f.get(o);
    }

    private static String show(Object value) {
        return value instanceof int[] a ? Arrays.toString(a) : value instanceof byte[] b ? Arrays.toString(b)
                : value instanceof char[] c ? Arrays.toString(c) : String.valueOf(value);
    }
}
