package dev.slabagent.agent.transform.reinit;

import dev.slabagent.agent.transform.reinit.ClassSource.Kind;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * A field named in {@code preserve}: its object survives reuse and is cleared ({@code clear()} for a
 * collection or map, zero-fill for an array). Every constructor that calls {@code super()} must create it
 * exactly once, with the same plain creation; constructors calling {@code this(..)} must not store it.
 */
final class PreservedField {

    private final String className;
    private final FieldNode field;
    private final ClassSource kinds;
    private PlainCreation creation;
    private Kind kind;

    PreservedField(ClassNode owner, FieldNode field, ClassSource kinds) throws RefusedException {
        this.className = Type.getObjectType(owner.name).getClassName();
        this.field = field;
        this.kinds = kinds;
        Type type = Type.getType(field.desc);
        if (type.getSort() == Type.OBJECT && kinds.kind(type.getInternalName()) == Kind.OTHER
                || type.getSort() != Type.OBJECT && type.getSort() != Type.ARRAY) {
            throw refusal("is a " + type.getClassName() + ", not a Collection, Map or array");
        }
    }

    FieldNode field() {
        return field;
    }

    /** Records the fields stored by one constructor; {@code created} is its plain creation or null. */
    void recordConstructor(MethodNode constructor, boolean callsSuper, int stores, PlainCreation created)
            throws RefusedException {
        String where = " in constructor " + ConstructorCopy.signature(className, constructor.desc);
        if (!callsSuper && stores > 0) {
            throw refusal("is stored after this(..)" + where);
        }
        if (callsSuper && (stores != 1 || created == null)) {
            throw refusal("is not created by exactly one plain new of a collection, map or array" + where);
        }
        if (created == null) {
            return;
        }
        if (creation != null && !creation.key().equals(created.key())) {
            throw refusal("is created differently by different constructors");
        }
        Type type = created.createdType();
        Kind createdKind = type.getSort() == Type.ARRAY ? null : kinds.kind(type.getInternalName());
        if (createdKind == Kind.OTHER) {
            throw refusal("is created as a " + type.getClassName() + ", not a collection or map");
        }
        creation = created;
        kind = createdKind;
    }

    /** Fails if no constructor created the field. */
    void checkCreated() throws RefusedException {
        if (creation == null) {
            throw refusal("is never created by a constructor");
        }
    }

    /**
     * Reset code: if the field holds an object of the created class, clear it; otherwise (null, or replaced
     * by the program) create it again as the constructor does.
     */
    InsnList reset(String owner, AbstractInsnNode store) {
        LabelNode create = new LabelNode(new Label());
        LabelNode next = new LabelNode(new Label());
        InsnList code = new InsnList();
        code.add(load(owner));
        code.add(new JumpInsnNode(Opcodes.IFNULL, create));
        code.add(load(owner));
        code.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, "java/lang/Object", "getClass", "()Ljava/lang/Class;"));
        code.add(new LdcInsnNode(creation.createdType()));
        code.add(new JumpInsnNode(Opcodes.IF_ACMPNE, create));
        code.add(load(owner));
        code.add(clear());
        code.add(new JumpInsnNode(Opcodes.GOTO, next));
        code.add(create);
        code.add(emptyStackFrame(owner));
        code.add(new VarInsnNode(Opcodes.ALOAD, 0));
        code.add(creation.copyOfValue());
        code.add(store);
        code.add(next);
        code.add(emptyStackFrame(owner));
        return code;
    }

    private InsnList clear() {
        InsnList code = new InsnList();
        if (kind == Kind.COLLECTION || kind == Kind.MAP) {
            String api = kind == Kind.MAP ? "java/util/Map" : "java/util/Collection";
            code.add(new MethodInsnNode(Opcodes.INVOKEINTERFACE, api, "clear", "()V", true));
            return code;
        }
        Type element = creation.createdType().getElementType();
        boolean nested = creation.createdType().getDimensions() > 1;
        int sort = nested ? Type.OBJECT : element.getSort();
        Type fillType;
        switch (sort) {
            case Type.LONG: code.add(new InsnNode(Opcodes.LCONST_0)); fillType = Type.LONG_TYPE; break;
            case Type.FLOAT: code.add(new InsnNode(Opcodes.FCONST_0)); fillType = Type.FLOAT_TYPE; break;
            case Type.DOUBLE: code.add(new InsnNode(Opcodes.DCONST_0)); fillType = Type.DOUBLE_TYPE; break;
            case Type.OBJECT: case Type.ARRAY:
                code.add(new InsnNode(Opcodes.ACONST_NULL));
                fillType = Type.getType(Object.class);
                break;
            default: code.add(new InsnNode(Opcodes.ICONST_0)); fillType = element; break;
        }
        Type arrayType = Type.getType("[" + fillType.getDescriptor());
        code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, "java/util/Arrays", "fill",
                Type.getMethodDescriptor(Type.VOID_TYPE, arrayType, fillType)));
        return code;
    }

    private InsnList load(String owner) {
        InsnList code = new InsnList();
        code.add(new VarInsnNode(Opcodes.ALOAD, 0));
        code.add(new FieldInsnNode(Opcodes.GETFIELD, owner, field.name, field.desc));
        return code;
    }

    private static FrameNode emptyStackFrame(String owner) {
        return new FrameNode(Opcodes.F_NEW, 1, new Object[] {owner}, 0, new Object[0]);
    }

    private RefusedException refusal(String problem) {
        return new RefusedException("preserve: field " + field.name + " of " + className + " " + problem);
    }
}
