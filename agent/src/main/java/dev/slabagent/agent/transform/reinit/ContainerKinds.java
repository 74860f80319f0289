package dev.slabagent.agent.transform.reinit;

/** Tells which classes are collections or maps (a preserved field's object must be one, or an array). */
@FunctionalInterface
public interface ContainerKinds {

    /** What kind of container a class is. */
    enum Kind {
        /** A {@code java.util.Collection}: preserved by {@code clear()}. */
        COLLECTION,
        /** A {@code java.util.Map}: preserved by {@code clear()}. */
        MAP,
        /** Anything else: cannot be preserved. */
        OTHER
    }

    /** The kind of the class or interface with this internal name ({@code java/util/ArrayList}). */
    Kind of(String internalName);
}
