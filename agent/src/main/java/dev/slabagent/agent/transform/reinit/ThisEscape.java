package dev.slabagent.agent.transform.reinit;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SourceInterpreter;
import org.objectweb.asm.tree.analysis.SourceValue;

/**
 * Finds a constructor that hands {@code this} outside the object (to a static method of another class, to
 * a method or constructor of another object, into another object's field or an array): re-running it on a
 * recycled object would register the same object twice, which no {@code new} could do. Best effort: what
 * a callee does with objects it is given is not followed.
 */
final class ThisEscape {

    private ThisEscape() {
    }

    /** The escape in {@code constructor} of {@code owner} as a short phrase, or {@code null} if there is none. */
    static String find(ClassNode owner, MethodNode constructor) throws RefusedException {
        Frame<SourceValue>[] frames;
        try {
            frames = new Analyzer<>(new SourceInterpreter()).analyze(owner.name, constructor);
        } catch (AnalyzerException e) {
            throw new RefusedException("constructor code cannot be analysed (" + e.getMessage() + ")");
        }
        AbstractInsnNode[] insns = constructor.instructions.toArray();
        for (int i = 0; i < insns.length; i++) {
            Frame<SourceValue> frame = frames[i];
            String escape = frame == null ? null : escape(owner.name, insns[i], frame);
            if (escape != null) {
                return escape;
            }
        }
        return null;
    }

    private static String escape(String self, AbstractInsnNode insn, Frame<SourceValue> frame) {
        int top = frame.getStackSize() - 1;
        if (insn instanceof MethodInsnNode call) {
            int args = Type.getArgumentTypes(call.desc).length;
            boolean isStatic = call.getOpcode() == Opcodes.INVOKESTATIC;
            boolean internal = isStatic ? call.owner.equals(self) : isThis(frame.getStack(top - args));
            for (int a = 0; a < args && !internal; a++) {
                if (isThis(frame.getStack(top - a))) {
                    return "passes this to " + Type.getObjectType(call.owner).getClassName() + "." + call.name + "(..)";
                }
            }
        } else if (insn.getOpcode() == Opcodes.PUTFIELD && isThis(frame.getStack(top))
                && !isThis(frame.getStack(top - 1))) {
            return "stores this in field " + ((FieldInsnNode) insn).name + " of another object";
        } else if (insn.getOpcode() == Opcodes.AASTORE && isThis(frame.getStack(top))) {
            return "stores this in an array";
        }
        return null;
    }

    private static boolean isThis(SourceValue value) {
        return value.insns.stream().anyMatch(i -> i instanceof VarInsnNode v && v.getOpcode() == Opcodes.ALOAD && v.var == 0);
    }
}
