package dev.slabagent.agent.transform;

import dev.slabagent.agent.transform.reinit.ClassHeaders;
import dev.slabagent.agent.transform.reinit.ClassSource;
import java.io.IOException;
import java.io.InputStream;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;

/**
 * The class files one class loader sees, read as resources and never loaded, and what validation asks of them:
 * a class's members and whether one type is assignable to another. Plain ASM, so validating a cache at start-up
 * loads none of ByteBuddy.
 */
public final class ClassFiles implements ClassSource {

    private static final String OBJECT = "java/lang/Object";

    private final ClassLoader loader;
    private final ClassHeaders headers = new ClassHeaders(this);

    /** @param loader the class loader whose resources are read */
    public ClassFiles(ClassLoader loader) {
        this.loader = loader;
    }

    @Override
    public byte[] classFile(String internalName) {
        String resource = internalName + ".class";
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public Kind kind(String internalName) {
        String type = "L" + internalName + ";";
        return isAssignable(type, "Ljava/util/Map;") ? Kind.MAP
                : isAssignable(type, "Ljava/util/Collection;") ? Kind.COLLECTION : Kind.OTHER;
    }

    @Override
    public ClassHeaders headers() {
        return headers;
    }

    /** The class's fields and methods without code, or {@code null} if it has no class file here. */
    public ClassNode header(String internalName) {
        return headers.get(internalName);
    }

    /**
     * Whether a value of type {@code from} may be stored where {@code to} is expected (both field descriptors), as
     * the JVM's assignment rules say: subclasses and implemented interfaces, array covariance, arrays as
     * {@code Object}, {@code Cloneable} and {@code Serializable}. A class without a class file is assignable to
     * nothing but itself and {@code Object}.
     */
    public boolean isAssignable(String from, String to) {
        if (from.equals(to)) {
            return true;
        }
        Type source = Type.getType(from);
        Type target = Type.getType(to);
        if (target.getSort() == Type.OBJECT && target.getInternalName().equals(OBJECT)) {
            return source.getSort() == Type.OBJECT || source.getSort() == Type.ARRAY;
        }
        if (source.getSort() == Type.ARRAY) {
            if (target.getSort() == Type.ARRAY) {
                Type sourceElement = Type.getType(from.substring(1));
                return sourceElement.getSort() >= Type.ARRAY && isAssignable(from.substring(1), to.substring(1));
            }
            return target.getSort() == Type.OBJECT && (target.getInternalName().equals("java/lang/Cloneable")
                    || target.getInternalName().equals("java/io/Serializable"));
        }
        return source.getSort() == Type.OBJECT && target.getSort() == Type.OBJECT
                && isSubtype(source.getInternalName(), target.getInternalName());
    }

    private boolean isSubtype(String type, String supertype) {
        if (type.equals(supertype)) {
            return true;
        }
        ClassNode c = header(type);
        if (c == null) {
            return false;
        }
        if (c.superName != null && isSubtype(c.superName, supertype)) {
            return true;
        }
        return c.interfaces.stream().anyMatch(i -> isSubtype(i, supertype));
    }
}
