package dev.slabagent.runtime.alloc;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.Member;

/**
 * Java's access checks suppressed on the members of a pooled class and its superclasses, the JDK's included (through
 * {@link JdkAccess}): for the reinit's handles, and for the verifier's reading of a released object's fields.
 */
public final class MemberAccess {

    private MemberAccess() {
    }

    /**
     * {@code member} with Java's access checks suppressed: through {@link JdkAccess} for a member of a JDK class.
     *
     * @throws ReflectiveOperationException if the JDK's package cannot be opened (no Instrumentation)
     */
    static <M extends AccessibleObject & Member> M open(M member) throws ReflectiveOperationException {
        Class<?> declaring = member.getDeclaringClass();
        if (declaring.getModule().isNamed() && !declaring.getModule().isOpen(declaring.getPackageName(),
                MemberAccess.class.getModule())) {
            JdkAccess.open(member, declaring);
        } else {
            member.setAccessible(true);
        }
        return member;
    }

    /**
     * Makes {@code field} readable as {@link #open} does.
     *
     * @return whether it is readable now
     */
    public static boolean tryOpen(Field field) {
        try {
            open(field);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
