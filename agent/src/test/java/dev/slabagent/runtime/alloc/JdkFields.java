package dev.slabagent.runtime.alloc;

import java.lang.reflect.Field;

/** For tests: reads fields of JDK classes through {@link JdkAccess}, without opening their packages to the tests. */
public final class JdkFields {

    private JdkFields() {
    }

    /** {@code field}'s value in {@code o}, the field made accessible as the agent's reinit makes it. */
    public static Object get(Field field, Object o) throws ReflectiveOperationException {
        JdkAccess.open(field, field.getDeclaringClass());
        return field.get(o);
    }
}
