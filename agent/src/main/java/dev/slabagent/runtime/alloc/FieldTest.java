package dev.slabagent.runtime.alloc;

import java.util.function.LongPredicate;

/**
 * One comparison of a release guard: a test of a field of the released object, read as a {@code long} (an
 * integral field widened, a {@code boolean} as 1 or 0, a reference as 0 when {@code null} and 1 otherwise).
 *
 * @param field the field's name, declared by the released object's class
 * @param test  the comparison of the value read
 */
public record FieldTest(String field, LongPredicate test) {
}
