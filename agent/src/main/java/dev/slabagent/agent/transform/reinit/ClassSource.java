package dev.slabagent.agent.transform.reinit;

/** What the generator may learn about classes other than the one it reads: read as class files, never loaded. */
public interface ClassSource {

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
    Kind kind(String internalName);

    /** The class file of the class with this internal name, or {@code null} if there is none. */
    byte[] classFile(String internalName);

    /** The classes read without code; a source that keeps them read returns the same headers every time. */
    default ClassHeaders headers() {
        return new ClassHeaders(this);
    }
}
