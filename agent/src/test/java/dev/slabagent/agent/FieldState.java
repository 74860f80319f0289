package dev.slabagent.agent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Objects;

/** Compares two objects field by field, as "indistinguishable from a fresh object" requires. */
final class FieldState {

    private FieldState() {
    }

    /** Fails naming the first instance field whose value differs ({@code equals}, arrays by content). */
    static void assertSameState(Object expected, Object actual) throws IllegalAccessException {
        assertTrue(expected.getClass() == actual.getClass(), "classes differ");
        for (Field f : expected.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            f.setAccessible(true);
            Object want = f.get(expected);
            Object got = f.get(actual);
            assertTrue(Objects.deepEquals(want, got), "field " + f.getName() + ": expected " + show(want) + " but was " + show(got));
        }
    }

    private static String show(Object value) {
        return value instanceof int[] a ? java.util.Arrays.toString(a) : String.valueOf(value);
    }
}
