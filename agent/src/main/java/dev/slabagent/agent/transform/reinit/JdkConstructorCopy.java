package dev.slabagent.agent.transform.reinit;

import dev.slabagent.runtime.alloc.ReinitLink;
import java.util.LinkedHashSet;
import java.util.Set;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;

/**
 * Turns one constructor of a JDK superclass J ({@code java.io.Reader()}), in place, into a {@code jdkBody} of the
 * topmost application class's part, which lives in the application's package: the fields of J and of its JDK
 * superclasses are read and written through links, {@code super(..)} and {@code this(..)} call the other copies
 * (or {@code POP} for Object's). Everything else it names must be public API of the JDK ({@code new Object()},
 * {@code Objects.requireNonNull}); the same refusals as for application constructors apply.
 */
final class JdkConstructorCopy {

    private final ClassNode owner;
    private final MethodNode constructor;
    private final Chain chain;
    private final PartClass target;
    private final Members members;
    private final Set<String> calls = new LinkedHashSet<>();

    JdkConstructorCopy(ClassNode owner, MethodNode constructor, Chain chain, PartClass target, Members members) {
        this.owner = owner;
        this.constructor = constructor;
        this.chain = chain;
        this.target = target;
        this.members = members;
    }

    /** The JDK constructors this one calls, each as the internal name of its class, a space, and its descriptor. */
    Set<String> calls() {
        return calls;
    }

    void apply() throws RefusedException {
        String escape = ThisEscape.find(owner, constructor);
        if (escape != null) {
            throw refusal(escape);
        }
        InsnList code = constructor.instructions;
        int pendingNews = 0;
        for (AbstractInsnNode insn : code.toArray()) {
            switch (insn.getOpcode()) {
                case Opcodes.NEW:
                    requirePublicClass(((TypeInsnNode) insn).desc);
                    pendingNews++;
                    break;
                case Opcodes.ANEWARRAY:
                case Opcodes.CHECKCAST:
                case Opcodes.INSTANCEOF:
                    requirePublicClass(((TypeInsnNode) insn).desc);
                    break;
                case Opcodes.MULTIANEWARRAY:
                    requirePublicClass(((MultiANewArrayInsnNode) insn).desc);
                    break;
                case Opcodes.INVOKESPECIAL:
                    MethodInsnNode call = (MethodInsnNode) insn;
                    if (call.name.equals("<init>") && pendingNews > 0) {
                        pendingNews--;
                        requirePublic(members.method(call.owner, call.name, call.desc), call.owner, call.name);
                    } else {
                        code.set(insn, special(call));
                    }
                    break;
                case Opcodes.GETFIELD:
                case Opcodes.PUTFIELD:
                    field(code, (FieldInsnNode) insn);
                    break;
                case Opcodes.GETSTATIC:
                    FieldInsnNode get = (FieldInsnNode) insn;
                    requirePublic(members.field(get.owner, get.name, get.desc), get.owner, get.name);
                    break;
                case Opcodes.PUTSTATIC:
                    throw refusal("writes static field " + ((FieldInsnNode) insn).name);
                case Opcodes.INVOKEVIRTUAL:
                case Opcodes.INVOKEINTERFACE:
                case Opcodes.INVOKESTATIC:
                    MethodInsnNode m = (MethodInsnNode) insn;
                    requirePublic(members.method(m.owner, m.name, m.desc), m.owner, m.name + "(..)");
                    break;
                case Opcodes.INVOKEDYNAMIC:
                    throw refusal("uses invokedynamic");
                case Opcodes.LDC:
                    constant(((LdcInsnNode) insn).cst);
                    break;
                case Opcodes.JSR:
                case Opcodes.RET:
                    throw refusal("uses a jsr/ret subroutine");
                case -1:
                    if (insn instanceof FrameNode frame) {
                        ConstructorCopy.initialiseThis(frame, owner.name);
                    }
                    break;
                default:
                    break;
            }
        }
        target.addJdkBody(owner.name, constructor);
    }

    /** {@code super(..)} or {@code this(..)}: the copy of that constructor, or POP for Object's. */
    private AbstractInsnNode special(MethodInsnNode call) throws RefusedException {
        if (!call.name.equals("<init>")) {
            throw refusal("calls " + (call.owner.equals(owner.name) ? "private " + call.name : "super." + call.name)
                    + "(..)");
        }
        if (call.owner.equals("java/lang/Object")) {
            return new InsnNode(Opcodes.POP);
        }
        calls.add(call.owner + " " + call.desc);
        return target.jdkBodyCall(call.owner, call.desc);
    }

    /** A field of the JDK chain goes through a link; another class's field must be public. */
    private void field(InsnList code, FieldInsnNode insn) throws RefusedException {
        Members.Declaration d = members.field(insn.owner, insn.name, insn.desc);
        boolean inChain = d != null && chain.jdk().stream().anyMatch(j -> j.name.equals(d.owner()));
        if (inChain) {
            code.set(insn, target.link(new ReinitLink(ConstructorCopy.linkKind(insn.getOpcode()), d.owner(), insn.name,
                    insn.desc)));
        } else {
            requirePublic(d, insn.owner, insn.name);
        }
    }

    private void constant(Object value) throws RefusedException {
        if (value instanceof Type t && t.getSort() != Type.METHOD) {
            requirePublicClass(t.getInternalName());
        } else if (value instanceof Type || value instanceof Handle || value instanceof ConstantDynamic) {
            throw refusal("loads a method type, method handle or dynamic constant");
        }
    }

    private void requirePublic(Members.Declaration d, String memberOwner, String member) throws RefusedException {
        if (d == null || !d.isPublic() || !isApi(d.owner())) {
            throw refusal("uses " + Chain.name(memberOwner) + "." + member + ", which is not public API");
        }
    }

    /** A class named by internal name or array descriptor must be public API (or primitive). */
    private void requirePublicClass(String internalName) throws RefusedException {
        Type type = internalName.startsWith("[") ? Type.getType(internalName).getElementType()
                : Type.getObjectType(internalName);
        if (type.getSort() != Type.OBJECT) {
            return;
        }
        String element = type.getInternalName();
        if ((members.classAccess(element) & Opcodes.ACC_PUBLIC) == 0 || !isApi(element)) {
            throw refusal("uses class " + Chain.name(element) + ", which is not public API");
        }
    }

    /** Whether the class is in the JDK's exported API packages. */
    private static boolean isApi(String internalName) {
        return internalName.startsWith("java/") || internalName.startsWith("javax/");
    }

    private RefusedException refusal(String problem) {
        return ConstructorCopy.refusal(owner.name, constructor, problem);
    }
}
