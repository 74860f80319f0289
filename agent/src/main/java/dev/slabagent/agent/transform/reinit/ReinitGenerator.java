package dev.slabagent.agent.transform.reinit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Generates the reinit class of a cached class from its class file (see the package description).
 * Refuses, with the reason, a class that is not a plain class extending {@code Object}, and constructors that
 * {@link ConstructorCopy} cannot re-run. Code copied from class files older than Java 7, whose frames are optional
 * or absent, gets its frames computed.
 */
public final class ReinitGenerator {

    /** Appended to T's internal name to name its reinit class. */
    public static final String SUFFIX = "$$SlabReinit";
    private static final int FIRST_VERSION_WITH_FRAMES = Opcodes.V1_7;

    private ReinitGenerator() {
    }

    /**
     * @param classFile the cached class's class file
     * @param preserve  fields whose object is kept (cleared) across reuse instead of re-created
     * @param kinds     which classes are collections or maps
     * @throws RefusedException if objects of the class cannot be recycled faithfully
     */
    public static ReinitTemplate generate(byte[] classFile, List<String> preserve, ClassSource kinds)
            throws RefusedException {
        ClassNode source = new ClassNode();
        ClassReader reader = new ClassReader(classFile);
        boolean framed = reader.readUnsignedShort(6) >= FIRST_VERSION_WITH_FRAMES;
        reader.accept(source, framed ? ClassReader.EXPAND_FRAMES : ClassReader.SKIP_FRAMES);
        checkShape(source);
        ReinitClass target = new ReinitClass(source);
        Map<String, PreservedField> preserved = preservedFields(source, preserve, kinds);
        List<MethodNode> constructors = new ArrayList<>();
        for (MethodNode m : source.methods) {
            if (m.name.equals("<init>")) {
                constructors.add(m);
            }
        }
        for (MethodNode constructor : constructors) {
            new ConstructorCopy(source, constructor, target, preserved).apply();
        }
        for (PreservedField field : preserved.values()) {
            field.checkCreations(source);
        }
        target.addReset(preserved);
        for (MethodNode constructor : constructors) {
            target.addBody(constructor);
        }
        ClassWriter writer = framed ? new ClassWriter(ClassWriter.COMPUTE_MAXS) : new FrameComputingWriter(kinds);
        target.node().accept(writer);
        return new ReinitTemplate(writer.toByteArray(), target.finalFields());
    }

    private static void checkShape(ClassNode c) throws RefusedException {
        String name = Type.getObjectType(c.name).getClassName();
        if ((c.access & (Opcodes.ACC_INTERFACE | Opcodes.ACC_ABSTRACT)) != 0) {
            throw new RefusedException(name + " is abstract or an interface");
        }
        if (!"java/lang/Object".equals(c.superName)) {
            throw new RefusedException(name + " extends " + Type.getObjectType(c.superName).getClassName()
                    + ", not java.lang.Object: its superclass constructor's state cannot be re-run");
        }
    }

    private static Map<String, PreservedField> preservedFields(ClassNode c, List<String> names, ClassSource kinds)
            throws RefusedException {
        Map<String, PreservedField> preserved = new LinkedHashMap<>();
        for (String name : names) {
            FieldNode field = null;
            for (FieldNode f : c.fields) {
                if (f.name.equals(name) && (f.access & Opcodes.ACC_STATIC) == 0) {
                    field = f;
                }
            }
            if (field == null) {
                throw new RefusedException("preserve: " + Type.getObjectType(c.name).getClassName()
                        + " has no instance field " + name);
            }
            preserved.put(name, new PreservedField(c, field, kinds));
        }
        return preserved;
    }
}
