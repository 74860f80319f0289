package dev.slabagent.agent.transform.reinit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Turns one constructor's code, in place, into the code of its reinit body: {@code super()} becomes
 * {@code POP}, {@code this(..)} calls the other body, private {@code invokespecial} becomes
 * {@code invokevirtual}, final-field stores call the reinit class's setters, preserved fields' creations
 * are removed, and {@code UNINITIALIZED_THIS} in frames becomes T (the object is already constructed).
 * Refuses constructors that write static fields, call a superclass method or hand {@code this} out
 * ({@link ThisEscape}).
 */
final class ConstructorCopy {

    private final ClassNode owner;
    private final MethodNode constructor;
    private final ReinitClass target;
    private final Map<String, PreservedField> preserved;
    private final Map<String, Integer> preservedStores = new HashMap<>();
    private final Map<String, PlainCreation> creations = new HashMap<>();
    private boolean callsSuper;

    ConstructorCopy(ClassNode owner, MethodNode constructor, ReinitClass target, Map<String, PreservedField> preserved) {
        this.owner = owner;
        this.constructor = constructor;
        this.target = target;
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
                    throw refusal("uses a jsr/ret subroutine");
                case Opcodes.PUTSTATIC:
                    throw refusal("writes static field " + ((FieldInsnNode) insn).name);
                case Opcodes.PUTFIELD:
                    store(code, (FieldInsnNode) insn);
                    break;
                case -1:
                    if (insn instanceof FrameNode) {
                        initialiseThis((FrameNode) insn);
                    }
                    break;
                default:
                    break;
            }
        }
        for (PlainCreation creation : creations.values()) {
            creation.removeFrom(code);
        }
        for (PreservedField field : preserved.values()) {
            String name = field.field().name;
            field.recordConstructor(constructor, callsSuper, preservedStores.getOrDefault(name, 0), creations.get(name));
        }
    }

    /** The replacement of an {@code invokespecial} that is not a paired {@code new}. */
    private AbstractInsnNode special(MethodInsnNode call) throws RefusedException {
        if (call.name.equals("<init>")) {
            if (call.owner.equals(owner.name)) {
                return target.bodyCall(call.desc);
            }
            callsSuper = true;
            return new InsnNode(Opcodes.POP);
        }
        if (call.owner.equals(owner.name) && isPrivate(call.name, call.desc)) {
            return new MethodInsnNode(Opcodes.INVOKEVIRTUAL, call.owner, call.name, call.desc, false);
        }
        throw refusal("calls super." + call.name + "(..)");
    }

    private void store(InsnList code, FieldInsnNode put) throws RefusedException {
        if (!put.owner.equals(owner.name)) {
            return;
        }
        if (preserved.containsKey(put.name)) {
            preservedStores.merge(put.name, 1, Integer::sum);
            PlainCreation creation = PlainCreation.endingAt(put);
            if (creation != null) {
                creations.put(put.name, creation);
            }
        } else if (target.isFinal(put.name)) {
            code.set(put, target.store(put.name));
        }
    }

    private boolean isPrivate(String name, String desc) {
        return owner.methods.stream()
                .anyMatch(m -> m.name.equals(name) && m.desc.equals(desc) && (m.access & Opcodes.ACC_PRIVATE) != 0);
    }

    private void initialiseThis(FrameNode frame) {
        frame.local = replaceUninitialisedThis(frame.local);
        frame.stack = replaceUninitialisedThis(frame.stack);
    }

    private List<Object> replaceUninitialisedThis(List<Object> types) {
        if (types == null) {
            return null;
        }
        List<Object> replaced = new ArrayList<>(types.size());
        for (Object t : types) {
            replaced.add(t == Opcodes.UNINITIALIZED_THIS ? owner.name : t);
        }
        return replaced;
    }

    private RefusedException refusal(String problem) {
        String className = Type.getObjectType(owner.name).getClassName();
        return new RefusedException("constructor " + signature(className, constructor.desc) + " " + problem
                + ": it cannot be re-run on a recycled object");
    }
}
