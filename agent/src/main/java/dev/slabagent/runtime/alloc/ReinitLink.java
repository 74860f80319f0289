package dev.slabagent.runtime.alloc;

import java.lang.invoke.MethodType;
import java.util.Objects;

/**
 * A method handle one reinit part takes from its class data (at the link's index in the part's list): what the
 * part's code cannot reach by name from its own package. The part calls it with {@code invokeExact} as
 * {@link #type}.
 *
 * @param kind       what the handle does
 * @param owner      internal name of the class declaring the member, or of the superclass whose part is called
 * @param name       the field's or method's name ({@code null} for the superclass links)
 * @param descriptor the field's descriptor, the method's, or the superclass constructor's ({@code null} for
 *                   {@link Kind#SUPER_RESET} and {@link Kind#SUPER_PREPARE})
 */
public record ReinitLink(Kind kind, String owner, String name, String descriptor) {

    /** What a link's handle does. */
    public enum Kind {
        /** Reads an instance field: {@code (Owner)F}. */
        GET_FIELD,
        /** Writes an instance field, final ones included: {@code (Owner, F)void}. */
        PUT_FIELD,
        /** Reads a static field: {@code ()F}. */
        GET_STATIC,
        /** Calls an instance method, virtually: {@code (Owner, args)R}. */
        INVOKE_VIRTUAL,
        /** Calls a static method: {@code (args)R}. */
        INVOKE_STATIC,
        /** Runs the superclass part's copy of a constructor: {@code (Owner, args)void}. */
        SUPER_BODY,
        /** Resets the superclass part's fields (and its superclasses'): {@code (Owner)void}. */
        SUPER_RESET,
        /** Makes the preserved fields of the superclass part's class (and its superclasses') in a blank object: {@code (Owner)void}. */
        SUPER_PREPARE
    }

    // equals and hashCode written out: a record's own bootstrap through ObjectMethods spins some 60 method-handle forms
    // the first time, 15 ms of a cold attach's install (the reinit generator keys a map by its links)

    @Override
    public boolean equals(Object o) {
        return o instanceof ReinitLink l && kind == l.kind && owner.equals(l.owner) && Objects.equals(name, l.name)
                && Objects.equals(descriptor, l.descriptor);
    }

    @Override
    public int hashCode() {
        return ((kind.hashCode() * 31 + owner.hashCode()) * 31 + Objects.hashCode(name)) * 31
                + Objects.hashCode(descriptor);
    }

    /** The descriptor of the handle's type, as the part's {@code invokeExact} names it. */
    public String typeDescriptor() {
        String self = "L" + owner + ";";
        return switch (kind) {
            case GET_FIELD -> "(" + self + ")" + descriptor;
            case PUT_FIELD -> "(" + self + descriptor + ")V";
            case GET_STATIC -> "()" + descriptor;
            case INVOKE_VIRTUAL, SUPER_BODY -> "(" + self + descriptor.substring(1, descriptor.indexOf(')') + 1)
                    + (kind == Kind.SUPER_BODY ? "V" : descriptor.substring(descriptor.indexOf(')') + 1));
            case INVOKE_STATIC -> descriptor;
            case SUPER_RESET, SUPER_PREPARE -> "(" + self + ")V";
        };
    }

    /** The handle's type with its classes as {@code loader} loads them. */
    MethodType type(ClassLoader loader) {
        return MethodType.fromMethodDescriptorString(typeDescriptor(), loader);
    }
}
