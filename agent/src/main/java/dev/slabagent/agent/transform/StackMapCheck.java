package dev.slabagent.agent.transform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.BasicVerifier;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * Holds a method's stack map frames against its code the way the JVM's type-checking verifier does, by kinds (int,
 * float, long, double, reference) only: class types are not checked, which would load classes. The code from the
 * method's start and from each frame runs on what is declared there (it may not read a local a frame leaves out),
 * and every way into a frame (falling through, a jump, a switch, the range of an exception handler) must bring what
 * the frame declares. For class files of Java 7 and later, where every branch target has a frame; the method must
 * have been read with {@code ClassReader.EXPAND_FRAMES}.
 */
final class StackMapCheck {

    private final MethodNode method;
    private final InsnList code;
    private final BasicVerifier verifier = new BasicVerifier();
    /** The frame of each label that has one: the next frame after it, with only labels and line numbers between. */
    private final Map<LabelNode, FrameNode> frames = new HashMap<>();

    StackMapCheck(MethodNode method) {
        this.method = method;
        this.code = method.instructions;
        FrameNode next = null;
        for (int i = code.size() - 1; i >= 0; i--) {
            AbstractInsnNode insn = code.get(i);
            if (insn instanceof FrameNode frame) {
                next = frame;
            } else if (insn instanceof LabelNode label) {
                if (next != null) {
                    frames.put(label, next);
                }
            } else if (insn.getOpcode() >= 0) {
                next = null;
            }
        }
    }

    /** Throws AnalyzerException at the first instruction whose state does not fit a frame it reaches. */
    void check() throws AnalyzerException {
        if (code.size() == 0) {
            return;
        }
        run(0, entry());
        for (int i = 0; i < code.size(); i++) {
            if (code.get(i) instanceof FrameNode frame) {
                run(i + 1, declared(frame));
            }
        }
    }

    /** Interprets the code from {@code from} until the run ends, holding each way out of it against its frame. */
    private void run(int from, Frame<BasicValue> state) throws AnalyzerException {
        for (int i = from; i < code.size(); i++) {
            AbstractInsnNode insn = code.get(i);
            if (insn instanceof FrameNode frame) {
                expect(state, frame, insn, false);
                return;
            }
            if (insn.getOpcode() < 0) {
                continue;
            }
            for (TryCatchBlockNode handler : method.tryCatchBlocks) {
                if (code.indexOf(handler.start) <= i && i < code.indexOf(handler.end)) {
                    expect(state, frameAt(handler.handler, insn), insn, true);
                }
            }
            state.execute(insn, verifier);
            for (LabelNode target : targets(insn)) {
                expect(state, frameAt(target, insn), insn, false);
            }
            if (endsRun(insn.getOpcode())) {
                return;
            }
        }
    }

    private FrameNode frameAt(LabelNode label, AbstractInsnNode from) throws AnalyzerException {
        FrameNode frame = frames.get(label);
        if (frame == null) {
            throw new AnalyzerException(from, "a branch target without a stack map frame");
        }
        return frame;
    }

    /** Throws unless {@code state} fits {@code frame}: its locals, and unless {@code handler} its stack. */
    private static void expect(Frame<BasicValue> state, FrameNode frame, AbstractInsnNode at, boolean handler)
            throws AnalyzerException {
        int slot = 0;
        for (Object declared : entries(frame.local)) {
            if (slot >= state.getLocals() || !fits(declared, state.getLocal(slot))) {
                throw new AnalyzerException(at, "the stack map frame it reaches declares local " + slot + " as "
                        + declared + " where the code has " + (slot < state.getLocals() ? state.getLocal(slot) : "none"));
            }
            slot += declared == Opcodes.LONG || declared == Opcodes.DOUBLE ? 2 : 1;
        }
        if (handler) {
            return;
        }
        List<Object> stack = entries(frame.stack);
        if (stack.size() != state.getStackSize()) {
            throw new AnalyzerException(at, "the stack map frame it reaches declares " + stack.size()
                    + " stack entries where the code has " + state.getStackSize());
        }
        for (int s = 0; s < stack.size(); s++) {
            if (!fits(stack.get(s), state.getStack(s))) {
                throw new AnalyzerException(at, "the stack map frame it reaches declares stack entry " + s + " as "
                        + stack.get(s) + " where the code has " + state.getStack(s));
            }
        }
    }

    /** The state at the method's start: the receiver and the arguments, nothing else. */
    private Frame<BasicValue> entry() {
        Frame<BasicValue> state = empty();
        int slot = 0;
        if ((method.access & Opcodes.ACC_STATIC) == 0) {
            state.setLocal(slot++, BasicValue.REFERENCE_VALUE);
        }
        for (Type argument : Type.getArgumentTypes(method.desc)) {
            state.setLocal(slot, verifier.newValue(argument));
            slot += argument.getSize();
        }
        return state;
    }

    /** The state a frame declares. */
    private Frame<BasicValue> declared(FrameNode frame) throws AnalyzerException {
        Frame<BasicValue> state = empty();
        int slot = 0;
        for (Object type : entries(frame.local)) {
            if (slot >= method.maxLocals) {
                throw new AnalyzerException(frame, "a stack map frame declares more locals than the method has");
            }
            state.setLocal(slot, valueOf(type));
            slot += type == Opcodes.LONG || type == Opcodes.DOUBLE ? 2 : 1;
        }
        for (Object type : entries(frame.stack)) {
            state.push(valueOf(type));
        }
        return state;
    }

    private Frame<BasicValue> empty() {
        Frame<BasicValue> state = new Frame<>(method.maxLocals, method.maxStack);
        state.setReturn(verifier.newReturnTypeValue(Type.getReturnType(method.desc)));
        for (int slot = 0; slot < method.maxLocals; slot++) {
            state.setLocal(slot, BasicValue.UNINITIALIZED_VALUE);
        }
        return state;
    }

    private static List<Object> entries(List<Object> types) {
        return types == null ? List.of() : types;
    }

    private static BasicValue valueOf(Object type) {
        if (type == Opcodes.TOP) {
            return BasicValue.UNINITIALIZED_VALUE;
        }
        if (type == Opcodes.INTEGER) {
            return BasicValue.INT_VALUE;
        }
        if (type == Opcodes.FLOAT) {
            return BasicValue.FLOAT_VALUE;
        }
        if (type == Opcodes.LONG) {
            return BasicValue.LONG_VALUE;
        }
        if (type == Opcodes.DOUBLE) {
            return BasicValue.DOUBLE_VALUE;
        }
        return BasicValue.REFERENCE_VALUE;
    }

    /**
     * Whether a value of kind {@code value} may stand where a frame declares {@code declared} ({@link BasicVerifier}
     * has one value for every reference, as {@link #valueOf} has).
     */
    private static boolean fits(Object declared, BasicValue value) {
        return declared == Opcodes.TOP || valueOf(declared).equals(value);
    }

    private static List<LabelNode> targets(AbstractInsnNode insn) {
        List<LabelNode> targets = new ArrayList<>();
        if (insn instanceof JumpInsnNode jump) {
            targets.add(jump.label);
        } else if (insn instanceof TableSwitchInsnNode table) {
            targets.add(table.dflt);
            targets.addAll(table.labels);
        } else if (insn instanceof LookupSwitchInsnNode lookup) {
            targets.add(lookup.dflt);
            targets.addAll(lookup.labels);
        }
        return targets;
    }

    /** Whether a straight run of code ends here: nothing falls through to the next instruction. */
    private static boolean endsRun(int opcode) {
        return opcode == Opcodes.GOTO || opcode == Opcodes.ATHROW || opcode == Opcodes.TABLESWITCH
                || opcode == Opcodes.LOOKUPSWITCH || opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN;
    }
}
