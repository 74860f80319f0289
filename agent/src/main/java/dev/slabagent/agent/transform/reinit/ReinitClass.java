package dev.slabagent.agent.transform.reinit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * The reinit class being built: {@code reset(T)}, one {@code body(T, args..)} and one
 * {@code init(T, args..)} per constructor, and a {@code set$F(T, value)} per final field F that calls the
 * setter method handle at F's index in the class data.
 */
final class ReinitClass {

    private static final String SETTER_PREFIX = "set$";
    private static final int CONDY_VERSION = Opcodes.V11;
    private static final Handle CLASS_DATA_AT = new Handle(Opcodes.H_INVOKESTATIC, "java/lang/invoke/MethodHandles",
            "classDataAt", "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;I)Ljava/lang/Object;",
            false);

    private final ClassNode source;
    private final ClassNode node = new ClassNode();
    private final List<FieldNode> instanceFields = new ArrayList<>();
    private final List<String> finalFields = new ArrayList<>();

    ReinitClass(ClassNode source) {
        this.source = source;
        node.version = Math.max(source.version & 0xFFFF, CONDY_VERSION);
        node.access = Opcodes.ACC_FINAL | Opcodes.ACC_SUPER | Opcodes.ACC_SYNTHETIC;
        node.name = source.name + ReinitGenerator.SUFFIX;
        node.superName = "java/lang/Object";
        for (FieldNode f : source.fields) {
            if ((f.access & Opcodes.ACC_STATIC) == 0) {
                instanceFields.add(f);
                if ((f.access & Opcodes.ACC_FINAL) != 0) {
                    addSetter(f, finalFields.size());
                    finalFields.add(f.name);
                }
            }
        }
    }

    ClassNode node() {
        return node;
    }

    List<String> finalFields() {
        return List.copyOf(finalFields);
    }

    boolean isFinal(String field) {
        return finalFields.contains(field);
    }

    /** The store of field {@code name} as an instruction consuming (self, value). */
    AbstractInsnNode store(String name) {
        FieldNode f = field(name);
        if (isFinal(name)) {
            return new MethodInsnNode(Opcodes.INVOKESTATIC, node.name, SETTER_PREFIX + name, setterDescriptor(f), false);
        }
        return new FieldInsnNode(Opcodes.PUTFIELD, source.name, f.name, f.desc);
    }

    /** The call replacing {@code this(..)} with constructor descriptor {@code desc}. */
    MethodInsnNode bodyCall(String desc) {
        return new MethodInsnNode(Opcodes.INVOKESTATIC, node.name, "body", withSelf(desc), false);
    }

    /** Adds {@code reset(T)}: every non-preserved instance field to its default, preserved ones cleared. */
    void addReset(Map<String, PreservedField> preserved) {
        MethodNode reset = method("reset", "(L" + source.name + ";)V");
        for (FieldNode f : instanceFields) {
            PreservedField kept = preserved.get(f.name);
            if (kept != null) {
                reset.instructions.add(kept.reset(source.name, store(f.name)));
            } else {
                reset.instructions.add(new VarInsnNode(Opcodes.ALOAD, 0));
                reset.instructions.add(new InsnNode(defaultValue(Type.getType(f.desc))));
                reset.instructions.add(store(f.name));
            }
        }
        reset.instructions.add(new InsnNode(Opcodes.RETURN));
    }

    /** Moves the (already rewritten) constructor into this class as a body, and adds its init. */
    void addBody(MethodNode constructor) {
        String desc = withSelf(constructor.desc);
        constructor.name = "body";
        constructor.desc = desc;
        constructor.access = Opcodes.ACC_STATIC;
        constructor.signature = null;
        constructor.exceptions = new ArrayList<>();
        constructor.parameters = null;
        constructor.localVariables = null;
        constructor.visibleLocalVariableAnnotations = null;
        constructor.invisibleLocalVariableAnnotations = null;
        constructor.visibleAnnotations = null;
        constructor.invisibleAnnotations = null;
        constructor.visibleTypeAnnotations = null;
        constructor.invisibleTypeAnnotations = null;
        constructor.visibleParameterAnnotations = null;
        constructor.invisibleParameterAnnotations = null;
        constructor.attrs = null;
        node.methods.add(constructor);

        MethodNode init = method("init", desc);
        init.instructions.add(new VarInsnNode(Opcodes.ALOAD, 0));
        init.instructions.add(new MethodInsnNode(Opcodes.INVOKESTATIC, node.name, "reset", "(L" + source.name + ";)V"));
        loadArguments(init.instructions, desc);
        init.instructions.add(new MethodInsnNode(Opcodes.INVOKESTATIC, node.name, "body", desc));
        init.instructions.add(new InsnNode(Opcodes.RETURN));
    }

    private void addSetter(FieldNode f, int index) {
        MethodNode setter = method(SETTER_PREFIX + f.name, setterDescriptor(f));
        setter.instructions.add(new LdcInsnNode(
                new ConstantDynamic("_", "Ljava/lang/invoke/MethodHandle;", CLASS_DATA_AT, index)));
        loadArguments(setter.instructions, setter.desc);
        setter.instructions.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, "java/lang/invoke/MethodHandle",
                "invokeExact", setter.desc));
        setter.instructions.add(new InsnNode(Opcodes.RETURN));
    }

    private String setterDescriptor(FieldNode f) {
        return "(L" + source.name + ";" + f.desc + ")V";
    }

    private FieldNode field(String name) {
        return instanceFields.stream().filter(f -> f.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no instance field " + name));
    }

    private MethodNode method(String name, String desc) {
        MethodNode m = new MethodNode(Opcodes.ACC_STATIC, name, desc, null, null);
        node.methods.add(m);
        return m;
    }

    private String withSelf(String constructorDesc) {
        return "(L" + source.name + ";" + constructorDesc.substring(1);
    }

    private static void loadArguments(InsnList code, String desc) {
        int slot = 0;
        for (Type t : Type.getArgumentTypes(desc)) {
            code.add(new VarInsnNode(t.getOpcode(Opcodes.ILOAD), slot));
            slot += t.getSize();
        }
    }

    private static int defaultValue(Type t) {
        switch (t.getSort()) {
            case Type.LONG: return Opcodes.LCONST_0;
            case Type.FLOAT: return Opcodes.FCONST_0;
            case Type.DOUBLE: return Opcodes.DCONST_0;
            case Type.OBJECT: case Type.ARRAY: return Opcodes.ACONST_NULL;
            default: return Opcodes.ICONST_0;
        }
    }
}
