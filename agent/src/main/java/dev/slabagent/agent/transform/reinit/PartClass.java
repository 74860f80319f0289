package dev.slabagent.agent.transform.reinit;

import dev.slabagent.runtime.alloc.ReinitLink;
import dev.slabagent.runtime.alloc.ReinitPart;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
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
 * The reinit part of one class C of the chain being built: {@code reset(C)} (C's fields, then its superclass's
 * part's reset), where the chain has preserved fields {@code prepare(C)} (a blank object's preserved fields made),
 * one {@code body(C, args..)} per constructor copied, for the cached class one {@code init(C, args..)} per
 * constructor, for the topmost application class the copies of its JDK superclasses' constructors
 * ({@code jdkBody}) and their fields' reset ({@code jdkReset}), and one static {@code link$i} per
 * {@link ReinitLink}: it calls the handle at index i of the class data with {@code invokeExact}.
 */
final class PartClass {

    private static final String LINK_PREFIX = "link$";
    private static final String JDK_BODY = "jdkBody";
    private static final String JDK_RESET = "jdkReset";
    private static final int CONDY_VERSION = Opcodes.V11;
    private static final Handle CLASS_DATA_AT = new Handle(Opcodes.H_INVOKESTATIC, "java/lang/invoke/MethodHandles",
            "classDataAt", "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;I)Ljava/lang/Object;",
            false);

    private final ClassNode source;
    private final ClassNode appSuper;
    private final List<ClassNode> jdkSupers;
    private final ClassNode node = new ClassNode();
    private final List<FieldNode> instanceFields = new ArrayList<>();
    private final List<ReinitLink> links = new ArrayList<>();
    private final Map<ReinitLink, Integer> linkIndex = new HashMap<>();

    /**
     * @param source    the class C
     * @param appSuper  C's superclass if the part of it is an application class's, else null
     * @param jdkSupers the JDK superclasses if C is the topmost application class, nearest first, else empty
     */
    PartClass(ClassNode source, ClassNode appSuper, List<ClassNode> jdkSupers) {
        this.source = source;
        this.appSuper = appSuper;
        this.jdkSupers = jdkSupers;
        int version = Math.max(source.version & 0xFFFF, CONDY_VERSION);
        for (ClassNode j : jdkSupers) {
            version = Math.max(version, j.version & 0xFFFF);
        }
        node.version = version;
        node.access = Opcodes.ACC_FINAL | Opcodes.ACC_SUPER | Opcodes.ACC_SYNTHETIC;
        node.name = source.name + ReinitGenerator.SUFFIX;
        node.superName = "java/lang/Object";
        for (FieldNode f : source.fields) {
            if ((f.access & Opcodes.ACC_STATIC) == 0) {
                instanceFields.add(f);
            }
        }
    }

    /** Whether C declares the instance field {@code name}. */
    boolean declares(String name) {
        return instanceFields.stream().anyMatch(f -> f.name.equals(name));
    }

    /** The store of C's field {@code name} as an instruction consuming (self, value): final fields through a link. */
    AbstractInsnNode store(String name) {
        FieldNode f = field(name);
        if ((f.access & Opcodes.ACC_FINAL) != 0) {
            return link(new ReinitLink(ReinitLink.Kind.PUT_FIELD, source.name, f.name, f.desc));
        }
        return new FieldInsnNode(Opcodes.PUTFIELD, source.name, f.name, f.desc);
    }

    /** A call of {@code link}'s handle, with the stack effect of the instruction it stands for. */
    MethodInsnNode link(ReinitLink link) {
        int index = linkIndex.computeIfAbsent(link, l -> {
            links.add(l);
            return links.size() - 1;
        });
        return new MethodInsnNode(Opcodes.INVOKESTATIC, node.name, LINK_PREFIX + index, link.typeDescriptor(), false);
    }

    /** The call replacing {@code this(..)} with constructor descriptor {@code desc}. */
    MethodInsnNode bodyCall(String desc) {
        return new MethodInsnNode(Opcodes.INVOKESTATIC, node.name, "body", withSelf(source.name, desc), false);
    }

    /** The call replacing a constructor {@code desc} of JDK class {@code jdkClass}, copied into this part. */
    MethodInsnNode jdkBodyCall(String jdkClass, String desc) {
        return new MethodInsnNode(Opcodes.INVOKESTATIC, node.name, JDK_BODY, withSelf(jdkClass, desc), false);
    }

    /** What replaces C's {@code super(..)} call: POP for Object's, else its superclass's (copied) constructor. */
    AbstractInsnNode superCall(String desc) {
        if (appSuper != null) {
            return link(new ReinitLink(ReinitLink.Kind.SUPER_BODY, appSuper.name, null, desc));
        }
        if (!jdkSupers.isEmpty()) {
            return jdkBodyCall(jdkSupers.get(0).name, desc);
        }
        return new InsnNode(Opcodes.POP);
    }

    /**
     * Adds {@code reset(C)}: every non-preserved instance field of C to its default, preserved ones cleared, then
     * the superclass's fields (its part's reset, or the JDK superclasses' fields).
     */
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
        if (appSuper != null) {
            reset.instructions.add(new VarInsnNode(Opcodes.ALOAD, 0));
            reset.instructions.add(link(new ReinitLink(ReinitLink.Kind.SUPER_RESET, appSuper.name, null, null)));
        } else if (!jdkSupers.isEmpty()) {
            reset.instructions.add(new VarInsnNode(Opcodes.ALOAD, 0));
            reset.instructions.add(new MethodInsnNode(Opcodes.INVOKESTATIC, node.name, JDK_RESET,
                    "(L" + source.name + ";)V", false));
            addJdkReset();
        }
        reset.instructions.add(new InsnNode(Opcodes.RETURN));
    }

    /**
     * Adds {@code prepare(C)}: in a blank object (a stand-in for a sampled release, every field at its default), C's
     * preserved fields created as its constructors create them, then its superclass's part's prepare. Apart from
     * {@code reset}, so that preparing stand-ins never makes the reset's own "make it again" branch look taken.
     */
    void addPrepare(Map<String, PreservedField> preserved) {
        MethodNode prepare = method("prepare", "(L" + source.name + ";)V");
        for (PreservedField kept : preserved.values()) {
            prepare.instructions.add(kept.prepare(source.name, store(kept.field().name)));
        }
        if (appSuper != null) {
            prepare.instructions.add(new VarInsnNode(Opcodes.ALOAD, 0));
            prepare.instructions.add(link(new ReinitLink(ReinitLink.Kind.SUPER_PREPARE, appSuper.name, null, null)));
        }
        prepare.instructions.add(new InsnNode(Opcodes.RETURN));
    }

    /** {@code jdkReset(C)}: every instance field of the JDK superclasses to its default, through links. */
    private void addJdkReset() {
        MethodNode reset = method(JDK_RESET, "(L" + source.name + ";)V");
        for (ClassNode j : jdkSupers) {
            for (FieldNode f : j.fields) {
                if ((f.access & Opcodes.ACC_STATIC) == 0) {
                    reset.instructions.add(new VarInsnNode(Opcodes.ALOAD, 0));
                    reset.instructions.add(new InsnNode(defaultValue(Type.getType(f.desc))));
                    reset.instructions.add(link(new ReinitLink(ReinitLink.Kind.PUT_FIELD, j.name, f.name, f.desc)));
                }
            }
        }
        reset.instructions.add(new InsnNode(Opcodes.RETURN));
    }

    /** Moves C's (already rewritten) constructor into this part as a body. */
    void addBody(MethodNode constructor) {
        move(constructor, "body", withSelf(source.name, constructor.desc));
    }

    /** Moves a JDK superclass's (already rewritten) constructor into this part as a {@code jdkBody}. */
    void addJdkBody(String jdkClass, MethodNode constructor) {
        move(constructor, JDK_BODY, withSelf(jdkClass, constructor.desc));
    }

    /** Adds {@code init(C, args..)} for C's constructor {@code desc}: reset, then the body. */
    void addInit(String desc) {
        String withSelf = withSelf(source.name, desc);
        MethodNode init = method("init", withSelf);
        init.instructions.add(new VarInsnNode(Opcodes.ALOAD, 0));
        init.instructions.add(new MethodInsnNode(Opcodes.INVOKESTATIC, node.name, "reset", "(L" + source.name + ";)V"));
        loadArguments(init.instructions, withSelf);
        init.instructions.add(new MethodInsnNode(Opcodes.INVOKESTATIC, node.name, "body", withSelf));
        init.instructions.add(new InsnNode(Opcodes.RETURN));
    }

    /** The part as the runtime defines it; frames are computed if any code copied into it came without them. */
    ReinitPart write(ClassSource classes) {
        for (int i = 0; i < links.size(); i++) {
            addLinkMethod(i, links.get(i));
        }
        ClassWriter writer = Chain.hasFrames(source.version) ? new ClassWriter(ClassWriter.COMPUTE_MAXS)
                : new FrameComputingWriter(classes);
        node.accept(writer);
        return new ReinitPart(Chain.name(source.name), writer.toByteArray(), links);
    }

    private void addLinkMethod(int index, ReinitLink link) {
        String desc = link.typeDescriptor();
        MethodNode m = method(LINK_PREFIX + index, desc);
        m.instructions.add(new LdcInsnNode(new ConstantDynamic("_", "Ljava/lang/invoke/MethodHandle;", CLASS_DATA_AT, index)));
        loadArguments(m.instructions, desc);
        m.instructions.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, "java/lang/invoke/MethodHandle", "invokeExact", desc,
                false));
        m.instructions.add(new InsnNode(Type.getReturnType(desc).getOpcode(Opcodes.IRETURN)));
    }

    private void move(MethodNode constructor, String name, String desc) {
        constructor.name = name;
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

    private static String withSelf(String self, String constructorDesc) {
        return "(L" + self + ";" + constructorDesc.substring(1);
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
