package dev.slabagent.agent.transform.reinit;

import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * A class writer that computes stack map frames, for reinit code copied from class files that have none (Java 5
 * and 6): the common superclass of two classes comes from their class files, never from loading them.
 */
final class FrameComputingWriter extends ClassWriter {

    private static final String OBJECT = "java/lang/Object";

    private final ClassSource classes;

    FrameComputingWriter(ClassSource classes) {
        super(COMPUTE_FRAMES);
        this.classes = classes;
    }

    @Override
    protected String getCommonSuperClass(String type1, String type2) {
        Set<String> supers = new HashSet<>();
        for (String t = type1; t != null; t = superName(t)) {
            if (isInterface(t)) {
                return OBJECT;
            }
            supers.add(t);
        }
        for (String t = type2; t != null; t = superName(t)) {
            if (supers.contains(t)) {
                return t;
            }
        }
        return OBJECT;
    }

    private String superName(String type) {
        byte[] classFile = classes.classFile(type);
        return classFile == null ? null : new ClassReader(classFile).getSuperName();
    }

    private boolean isInterface(String type) {
        byte[] classFile = classes.classFile(type);
        return classFile != null && (new ClassReader(classFile).getAccess() & Opcodes.ACC_INTERFACE) != 0;
    }
}
