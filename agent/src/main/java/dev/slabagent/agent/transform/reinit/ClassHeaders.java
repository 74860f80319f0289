package dev.slabagent.agent.transform.reinit;

import java.util.HashMap;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;

/**
 * Classes of a {@link ClassSource} read without their code, each once: what lookups of members and supertypes need.
 */
public final class ClassHeaders {

    private final ClassSource classes;
    private final Map<String, ClassNode> headers = new HashMap<>();

    /** @param classes where the class files are read from */
    public ClassHeaders(ClassSource classes) {
        this.classes = classes;
    }

    /** The class's fields and methods without code, or {@code null} if the source has no class file for it. */
    public ClassNode get(String internalName) {
        if (!headers.containsKey(internalName)) {
            byte[] classFile = classes.classFile(internalName);
            ClassNode node = null;
            if (classFile != null) {
                node = new ClassNode();
                new ClassReader(classFile).accept(node, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG
                        | ClassReader.SKIP_FRAMES);
            }
            headers.put(internalName, node);
        }
        return headers.get(internalName);
    }
}
