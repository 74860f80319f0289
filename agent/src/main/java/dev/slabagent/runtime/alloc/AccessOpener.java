package dev.slabagent.runtime.alloc;

import java.lang.reflect.AccessibleObject;

/**
 * Defined by {@link JdkAccess} a second time, alone in a class loader of its own: the only class of the module
 * to which the agent opens the JDK packages of pooled classes' superclasses, and {@code java.lang} for the carrier of
 * virtual threads. Never called as loaded here.
 */
public final class AccessOpener {

    private AccessOpener() {
    }

    /**
     * Suppresses Java's access checks on {@code member}, whose package is open to this class's module.
     *
     * @param member a field or method of a JDK class
     */
    public static void open(AccessibleObject member) {
        member.setAccessible(true);
    }
}
