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
 * collection or map, zero-fill for an array). Either every constructor that calls {@code super()} creates it
 * exactly once, with the same plain creation, or the object makes it later: then no constructor stores it, the
 * field is private to a class without nestmates, and every store to it in the class is that same plain creation,
 * so a kept object of the created class is exactly what the program would make again. Constructors calling
 * {@code this(..)} must not store it.
 */
final class PreservedField {

    private final String className;
    private final FieldNode field;
    private final ClassSource kinds;
    private final boolean zero;
    private PlainCreation creation;
    private Kind kind;
    private int constructorsWithout;
    private boolean madeLater;

    /** @param zero whether an array is zero-filled on reuse; else it keeps its contents ({@code zero=false}) */
    PreservedField(ClassNode owner, FieldNode field, boolean zero, ClassSource kinds) throws RefusedException {
        this.className = Type.getObjectType(owner.name).getClassName();
        this.field = field;
        this.zero = zero;
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
        if (callsSuper && stores == 0) {
            constructorsWithout++;
            return;
        }
        if (callsSuper && (stores != 1 || created == null)) {
            throw refusal("is not created by exactly one plain new of a collection, map or array with constant"
                    + " arguments (a size or argument the constructor computes or takes cannot be re-run on reuse)"
                    + where);
        }
        if (created != null) {
            adopt(created, "is created differently by different constructors");
        }
    }

    /**
     * After every constructor was recorded: a field no constructor stores is made later, and qualifies only if
     * every store to it in {@code owner}'s methods is one and the same plain creation.
     *
     * @throws RefusedException if some constructors create it and others do not, or the later stores do not qualify
     */
    void checkCreations(ClassNode owner) throws RefusedException {
        if (creation != null) {
            if (constructorsWithout > 0) {
                throw refusal("is created by some constructors and not stored by others");
            }
            return;
        }
        if ((field.access & Opcodes.ACC_PRIVATE) == 0) {
            throw refusal("is made after construction but is not private: code outside the class could store"
                    + " anything in it");
        }
        if (owner.nestMembers != null && !owner.nestMembers.isEmpty() || owner.nestHostClass != null) {
            throw refusal("is made after construction in a class with nested classes, which could store anything"
                    + " in it");
        }
        for (MethodNode m : owner.methods) {
            if (m.name.equals("<init>")) {
                continue;
            }
            for (AbstractInsnNode insn : m.instructions) {
                if (insn.getOpcode() == Opcodes.PUTFIELD && ((FieldInsnNode) insn).owner.equals(owner.name)
                        && ((FieldInsnNode) insn).name.equals(field.name)) {
                    recordLaterCreation(m, PlainCreation.endingAt(insn));
                }
            }
        }
        if (creation == null) {
            throw refusal("is never stored: there is no object to keep");
        }
        madeLater = true;
    }

    private void recordLaterCreation(MethodNode m, PlainCreation created) throws RefusedException {
        String where = " in method " + ConstructorCopy.signature(className + "." + m.name, m.desc);
        if (created == null) {
            throw refusal("is made after construction, and stored" + where
                    + " with something other than one plain new of a collection, map or array");
        }
        adopt(created, "is made after construction in different ways");
    }

    /**
     * Takes {@code created} as the field's creation: it must be the one seen before, if any, and an array, collection
     * or map.
     *
     * @param madeDifferently the refusal's problem when it differs from the creation seen before
     */
    private void adopt(PlainCreation created, String madeDifferently) throws RefusedException {
        if (creation != null && !creation.key().equals(created.key())) {
            throw refusal(madeDifferently);
        }
        Type type = created.createdType();
        Kind createdKind = type.getSort() == Type.ARRAY ? null : kinds.kind(type.getInternalName());
        if (createdKind == Kind.OTHER) {
            throw refusal("is created as a " + type.getClassName() + ", not a collection or map");
        }
        creation = created;
        kind = createdKind;
    }

    /**
     * Reset code: if the field holds an object of the created class, clear it; otherwise (null, or replaced by the
     * program) create it again as the constructor does, or, for a field made later, leave it null for the program
     * to make.
     */
    InsnList reset(String owner, AbstractInsnNode store) {
        LabelNode create = new LabelNode(new Label());
        LabelNode next = new LabelNode(new Label());
        InsnList code = new InsnList();
        code.add(load(owner));
        code.add(new JumpInsnNode(Opcodes.IFNULL, madeLater ? next : create));
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
        code.add(madeLater ? single(new InsnNode(Opcodes.ACONST_NULL)) : creation.copyOfValue());
        code.add(store);
        code.add(next);
        code.add(emptyStackFrame(owner));
        return code;
    }

    /**
     * Preparation code for a blank object (every field at its default): the field created as the constructor creates
     * it, if it is null; nothing for a field made later, which the program makes itself.
     */
    InsnList prepare(String owner, AbstractInsnNode store) {
        InsnList code = new InsnList();
        if (madeLater) {
            return code;
        }
        LabelNode next = new LabelNode(new Label());
        code.add(load(owner));
        code.add(new JumpInsnNode(Opcodes.IFNONNULL, next));
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
        if (!zero) {
            code.add(new InsnNode(Opcodes.POP));
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

    private static InsnList single(AbstractInsnNode insn) {
        InsnList code = new InsnList();
        code.add(insn);
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
