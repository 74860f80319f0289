package dev.slabagent.runtime.verify;

import java.lang.reflect.Field;

/** How the verifier makes a released object's fields readable, to compare them later ({@link ReleasedState}). */
@FunctionalInterface
public interface FieldAccess {

    /** Java's own access: the fields of classes in modules open to the agent (a program's and its libraries'). */
    FieldAccess PLAIN = Field::trySetAccessible;

    /**
     * Makes {@code field} readable by reflection if it may.
     *
     * @return whether {@code field} is readable now
     */
    boolean open(Field field);
}
