package dev.slabagent.agent.transform.reinit;

import java.util.function.Function;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;

/** Where the fields and methods that copied constructor code names are declared, and with which access. */
final class Members {

    /**
     * A declared member.
     *
     * @param owner       internal name of the declaring class
     * @param access      the member's access flags
     * @param classAccess the declaring class's access flags
     */
    record Declaration(String owner, int access, int classAccess) {

        boolean isProtected() {
            return (access & Opcodes.ACC_PROTECTED) != 0;
        }

        /** Public, in a public class. */
        boolean isPublic() {
            return (access & Opcodes.ACC_PUBLIC) != 0 && (classAccess & Opcodes.ACC_PUBLIC) != 0;
        }
    }

    private final ClassHeaders headers;

    Members(ClassSource classes) {
        this.headers = classes.headers();
    }

    /** The declaration a field reference resolves to, or null if a class file is missing. */
    Declaration field(String owner, String name, String desc) {
        return resolve(owner, c -> c.fields.stream().filter(f -> f.name.equals(name) && f.desc.equals(desc))
                .findFirst().map(f -> new Declaration(c.name, f.access, c.access)).orElse(null));
    }

    /** The declaration a method reference resolves to in the class or its superclasses or interfaces, or null. */
    Declaration method(String owner, String name, String desc) {
        if (owner.startsWith("[")) {
            return new Declaration(owner, Opcodes.ACC_PUBLIC, Opcodes.ACC_PUBLIC);
        }
        return resolve(owner, c -> c.methods.stream().filter(m -> m.name.equals(name) && m.desc.equals(desc))
                .findFirst().map(m -> new Declaration(c.name, m.access, c.access)).orElse(null));
    }

    /** The first declaration {@code declared} finds in {@code owner}, its superclasses or their interfaces. */
    private Declaration resolve(String owner, Function<ClassNode, Declaration> declared) {
        for (ClassNode c = headers.get(owner); c != null; c = c.superName == null ? null : headers.get(c.superName)) {
            Declaration d = declared.apply(c);
            for (int i = 0; d == null && i < c.interfaces.size(); i++) {
                d = resolve(c.interfaces.get(i), declared);
            }
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    /** The access flags of a class, or 0 if its class file is missing. */
    int classAccess(String internalName) {
        ClassNode c = headers.get(internalName);
        return c == null ? 0 : c.access;
    }

    /** The package part of an internal name ({@code java/io} of {@code java/io/Reader}). */
    static String packageOf(String internalName) {
        int slash = internalName.lastIndexOf('/');
        return slash < 0 ? "" : internalName.substring(0, slash);
    }
}
