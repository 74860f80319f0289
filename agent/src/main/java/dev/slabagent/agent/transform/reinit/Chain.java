package dev.slabagent.agent.transform.reinit;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;

/**
 * A cached class and its superclasses, read from their class files: the application's classes (the cached class
 * first), each of which gets a reinit part of its own, then the JDK's below {@code java.lang.Object}, whose
 * constructors are copied into the part of the topmost application class.
 *
 * @param app the cached class and its superclasses outside the JDK, nearest first
 * @param jdk the JDK superclasses above them, nearest first, without {@code java.lang.Object}
 */
record Chain(List<ClassNode> app, List<ClassNode> jdk) {

    private static final String OBJECT = "java/lang/Object";
    private static final List<String> JDK_PACKAGES = List.of("java/", "javax/", "jdk/", "sun/", "com/sun/");
    private static final int FIRST_VERSION_WITH_FRAMES = Opcodes.V1_7;
    /** JDK classes whose objects the JVM itself treats specially: never the superclass of a recycled object. */
    private static final List<String> SPECIAL = List.of("java/lang/Thread", "java/lang/Throwable",
            "java/lang/ClassLoader", "java/lang/ref/", "java/lang/invoke/", "java/lang/reflect/");

    /**
     * Reads the superclasses of {@code cached} from {@code classes}.
     *
     * @throws RefusedException if a class file is missing, or a superclass is a thread, throwable, class loader,
     *                          reference, or a class of {@code java.lang.invoke} or {@code java.lang.reflect}
     */
    static Chain of(ClassNode cached, ClassSource classes) throws RefusedException {
        List<ClassNode> app = new ArrayList<>(List.of(cached));
        List<ClassNode> jdk = new ArrayList<>();
        for (ClassNode c = cached; !OBJECT.equals(c.superName); ) {
            byte[] classFile = classes.classFile(c.superName);
            if (classFile == null) {
                throw new RefusedException(name(c.name) + " extends " + name(c.superName)
                        + ", whose class file cannot be read");
            }
            if (SPECIAL.stream().anyMatch(c.superName::startsWith)) {
                throw new RefusedException(name(cached.name) + " extends " + name(c.superName)
                        + ", whose objects the JVM treats specially");
            }
            ClassNode s = read(classFile);
            (isJdk(s.name) ? jdk : app).add(s);
            c = s;
        }
        return new Chain(List.copyOf(app), List.copyOf(jdk));
    }

    /** A class file read with its frames expanded, or without frames if it is older than Java 7. */
    static ClassNode read(byte[] classFile) {
        ClassNode node = new ClassNode();
        ClassReader reader = new ClassReader(classFile);
        reader.accept(node, hasFrames(reader.readUnsignedShort(6)) ? ClassReader.EXPAND_FRAMES : ClassReader.SKIP_FRAMES);
        return node;
    }

    /** Whether class files of this version must have stack map frames (Java 7 and later). */
    static boolean hasFrames(int version) {
        return (version & 0xFFFF) >= FIRST_VERSION_WITH_FRAMES;
    }

    /** Whether the class with this internal name is the JDK's. */
    static boolean isJdk(String internalName) {
        return JDK_PACKAGES.stream().anyMatch(internalName::startsWith);
    }

    /** The superclass of {@code app().get(i)}'s part: the next application class, or null if it extends the JDK. */
    ClassNode appSuper(int i) {
        return i + 1 < app.size() ? app.get(i + 1) : null;
    }

    /** Whether {@code app().get(i)} is the topmost application class and extends a JDK class other than Object. */
    boolean extendsJdk(int i) {
        return i == app.size() - 1 && !jdk.isEmpty();
    }

    /** A class's dotted name from its internal name. */
    static String name(String internalName) {
        return Type.getObjectType(internalName).getClassName();
    }
}
