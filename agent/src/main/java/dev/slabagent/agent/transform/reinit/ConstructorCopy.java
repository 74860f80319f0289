package dev.slabagent.agent.transform.reinit;

import dev.slabagent.runtime.alloc.ReinitLink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Turns one constructor of an application class C of the chain, in place, into the code of its reinit body:
 * {@code super(..)} becomes the superclass's copied constructor (or {@code POP} for Object's), {@code this(..)}
 * calls the other body, private {@code invokespecial} becomes {@code invokevirtual}, final-field stores and the
 * protected members of superclasses in other packages go through the part's links, preserved fields' creations
 * are removed, and {@code UNINITIALIZED_THIS} in frames becomes C (the object is already constructed). Refuses
 * constructors that write static fields, call a superclass method or hand {@code this} out ({@link ThisEscape}).
 */
final class ConstructorCopy {

    private final ClassNode owner;
    private final MethodNode constructor;
    private final PartClass target;
    private final Members members;
    private final Map<String, PreservedField> preserved;
    private final Map<String, Integer> preservedStores = new HashMap<>();
    private final Map<String, PlainCreation> creations = new HashMap<>();
    private final Set<String> thisCalls = new LinkedHashSet<>();
    private final Set<String> superCalls = new LinkedHashSet<>();

    ConstructorCopy(ClassNode owner, MethodNode constructor, PartClass target, Members members,
                    Map<String, PreservedField> preserved) {
        this.owner = owner;
        this.constructor = constructor;
        this.target = target;
        this.members = members;
        this.preserved = preserved;
    }

    /** {@code com.example.T(int, java.lang.String)}: how errors name a constructor. */
    static String signature(String className, String desc) {
        StringJoiner args = new StringJoiner(", ", className + "(", ")");
        for (Type t : Type.getArgumentTypes(desc)) {
            args.add(t.getClassName());
        }
        return args.toString();
    }

    /** Descriptors of the constructors of C this one calls with {@code this(..)}. */
    Set<String> thisCalls() {
        return thisCalls;
    }

    /** Descriptors of the superclass constructors this one calls with {@code super(..)}. */
    Set<String> superCalls() {
        return superCalls;
    }

    void apply() throws RefusedException {
        String escape = ThisEscape.find(owner, constructor);
        if (escape != null) {
            throw refusal(owner.name, constructor, escape);
        }
        InsnList code = constructor.instructions;
        int pendingNews = 0;
        for (AbstractInsnNode insn : code.toArray()) {
            switch (insn.getOpcode()) {
                case Opcodes.NEW:
                    pendingNews++;
                    break;
                case Opcodes.INVOKESPECIAL:
                    MethodInsnNode call = (MethodInsnNode) insn;
                    if (call.name.equals("<init>") && pendingNews > 0) {
                        pendingNews--;
                    } else {
                        code.set(insn, special(call));
                    }
                    break;
                case Opcodes.JSR:
                case Opcodes.RET:
                    throw refusal(owner.name, constructor, "uses a jsr/ret subroutine");
                case Opcodes.PUTSTATIC:
                    throw refusal(owner.name, constructor, "writes static field " + ((FieldInsnNode) insn).name);
                case Opcodes.PUTFIELD:
                    store(code, (FieldInsnNode) insn);
                    break;
                case Opcodes.GETFIELD:
                case Opcodes.GETSTATIC:
                case Opcodes.INVOKEVIRTUAL:
                case Opcodes.INVOKESTATIC:
                    linkIfProtected(code, insn);
                    break;
                case -1:
                    if (insn instanceof FrameNode frame) {
                        initialiseThis(frame, owner.name);
                    }
                    break;
                default:
                    break;
            }
        }
        for (PlainCreation creation : creations.values()) {
            creation.removeFrom(code);
        }
        boolean callsSuper = !superCalls.isEmpty();
        for (PreservedField field : preserved.values()) {
            String name = field.field().name;
            field.recordConstructor(constructor, callsSuper, preservedStores.getOrDefault(name, 0), creations.get(name));
        }
    }

    /** The replacement of an {@code invokespecial} that is not a paired {@code new}. */
    private AbstractInsnNode special(MethodInsnNode call) throws RefusedException {
        if (call.name.equals("<init>")) {
            if (call.owner.equals(owner.name)) {
                thisCalls.add(call.desc);
                return target.bodyCall(call.desc);
            }
            superCalls.add(call.desc);
            return target.superCall(call.desc);
        }
        if (call.owner.equals(owner.name) && isPrivate(call.name, call.desc)) {
            return new MethodInsnNode(Opcodes.INVOKEVIRTUAL, call.owner, call.name, call.desc, false);
        }
        throw refusal(owner.name, constructor, "calls super." + call.name + "(..)");
    }

    private void store(InsnList code, FieldInsnNode put) {
        if (!put.owner.equals(owner.name) || !target.declares(put.name)) {
            linkIfProtected(code, put);
            return;
        }
        if (preserved.containsKey(put.name)) {
            preservedStores.merge(put.name, 1, Integer::sum);
            PlainCreation creation = PlainCreation.endingAt(put);
            if (creation != null) {
                creations.put(put.name, creation);
            }
        } else {
            code.set(put, target.store(put.name));
        }
    }

    /**
     * Replaces a use of a protected member declared in a class of another package (a superclass's) by a link:
     * C may use it, but C's part, which is no subclass, may not.
     */
    private void linkIfProtected(InsnList code, AbstractInsnNode insn) {
        boolean isField = insn instanceof FieldInsnNode;
        String memberOwner = isField ? ((FieldInsnNode) insn).owner : ((MethodInsnNode) insn).owner;
        String name = isField ? ((FieldInsnNode) insn).name : ((MethodInsnNode) insn).name;
        String desc = isField ? ((FieldInsnNode) insn).desc : ((MethodInsnNode) insn).desc;
        Members.Declaration d = isField ? members.field(memberOwner, name, desc) : members.method(memberOwner, name, desc);
        if (d == null || !d.isProtected() || Members.packageOf(d.owner()).equals(Members.packageOf(owner.name))) {
            return;
        }
        code.set(insn, target.link(new ReinitLink(linkKind(insn.getOpcode()), d.owner(), name, desc)));
    }

    /** The link kind standing for a field or method instruction. */
    static ReinitLink.Kind linkKind(int opcode) {
        return switch (opcode) {
            case Opcodes.GETFIELD -> ReinitLink.Kind.GET_FIELD;
            case Opcodes.PUTFIELD -> ReinitLink.Kind.PUT_FIELD;
            case Opcodes.GETSTATIC -> ReinitLink.Kind.GET_STATIC;
            case Opcodes.INVOKESTATIC -> ReinitLink.Kind.INVOKE_STATIC;
            default -> ReinitLink.Kind.INVOKE_VIRTUAL;
        };
    }

    private boolean isPrivate(String name, String desc) {
        return owner.methods.stream()
                .anyMatch(m -> m.name.equals(name) && m.desc.equals(desc) && (m.access & Opcodes.ACC_PRIVATE) != 0);
    }

    /** Makes a frame of copied constructor code say {@code self} where it said {@code UNINITIALIZED_THIS}. */
    static void initialiseThis(FrameNode frame, String self) {
        frame.local = replaceUninitialisedThis(frame.local, self);
        frame.stack = replaceUninitialisedThis(frame.stack, self);
    }

    private static List<Object> replaceUninitialisedThis(List<Object> types, String self) {
        if (types == null) {
            return null;
        }
        List<Object> replaced = new ArrayList<>(types.size());
        for (Object t : types) {
            replaced.add(t == Opcodes.UNINITIALIZED_THIS ? self : t);
        }
        return replaced;
    }

    /** The refusal of constructor {@code constructor} of class {@code className} (internal name) for {@code problem}. */
    static RefusedException refusal(String className, MethodNode constructor, String problem) {
        return new RefusedException("constructor " + signature(Chain.name(className), constructor.desc) + " " + problem
                + ": it cannot be re-run on a recycled object");
    }
}
