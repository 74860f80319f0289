package dev.slabagent.agent.transform;

import dev.slabagent.runtime.alloc.SlabSites;
import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Rewrites {@code NEW T; DUP; args..; INVOKESPECIAL T.<init>} into {@code args..; INVOKEDYNAMIC new} for
 * every cached T. A {@code NEW T} is held back; if {@code DUP} follows both are dropped and a marker is
 * pushed, and the {@code <init>} paired with that marker becomes the call. {@code NEW}s are paired with
 * {@code <init>}s last-in first-out; an {@code <init>} with nothing pending is a {@code super(..)} or
 * {@code this(..)} call and is left alone. Frames must be expanded: their {@code Uninitialized} entries for
 * the dropped {@code NEW}s are removed (from the stack) or become TOP (in locals).
 */
final class NewSiteRewriter extends MethodVisitor {

    private static final String KEPT = "";
    private static final Handle BOOTSTRAP = new Handle(Opcodes.H_INVOKESTATIC, Type.getInternalName(SlabSites.class),
            "bootstrap", MethodType.methodType(CallSite.class, MethodHandles.Lookup.class, String.class,
                    MethodType.class, String.class).toMethodDescriptorString(), false);

    private final Map<String, String> cacheByType;
    private final Deque<String> pending = new ArrayDeque<>();
    private final List<Label> labelsBeforeInsn = new ArrayList<>();
    private final Set<Label> droppedNews = new HashSet<>();
    private String heldType;
    private List<Label> heldLabels = List.of();

    /** @param cacheByType cache name by internal name of the cached class */
    NewSiteRewriter(MethodVisitor next, Map<String, String> cacheByType) {
        super(OpenedClassReader.ASM_API, next);
        this.cacheByType = cacheByType;
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        release();
        if (opcode == Opcodes.NEW && cacheByType.containsKey(type)) {
            heldType = type;
            heldLabels = List.copyOf(labelsBeforeInsn);
            labelsBeforeInsn.clear();
            return;
        }
        if (opcode == Opcodes.NEW) {
            pending.push(KEPT);
        }
        super.visitTypeInsn(opcode, type);
        labelsBeforeInsn.clear();
    }

    @Override
    public void visitInsn(int opcode) {
        if (heldType != null && opcode == Opcodes.DUP) {
            droppedNews.addAll(heldLabels);
            pending.push(heldType);
            heldType = null;
            return;
        }
        release();
        super.visitInsn(opcode);
        labelsBeforeInsn.clear();
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
        release();
        labelsBeforeInsn.clear();
        if (opcode == Opcodes.INVOKESPECIAL && name.equals("<init>") && !pending.isEmpty()) {
            String marker = pending.pop();
            if (!marker.equals(KEPT)) {
                if (!marker.equals(owner)) {
                    throw new IllegalStateException("new " + marker + " paired with " + owner + ".<init>");
                }
                Type[] args = Type.getArgumentTypes(desc);
                super.visitInvokeDynamicInsn("new", Type.getMethodDescriptor(Type.getObjectType(owner), args),
                        BOOTSTRAP, cacheByType.get(owner));
                return;
            }
        }
        super.visitMethodInsn(opcode, owner, name, desc, itf);
    }

    @Override
    public void visitLabel(Label label) {
        release();
        super.visitLabel(label);
        labelsBeforeInsn.add(label);
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        release();
        if (droppedNews.isEmpty() || type != Opcodes.F_NEW) {
            super.visitFrame(type, numLocal, local, numStack, stack);
            return;
        }
        Object[] locals = new Object[numLocal];
        for (int i = 0; i < numLocal; i++) {
            locals[i] = droppedNews.contains(local[i]) ? Opcodes.TOP : local[i];
        }
        List<Object> kept = new ArrayList<>(numStack);
        for (int i = 0; i < numStack; i++) {
            if (!droppedNews.contains(stack[i])) {
                kept.add(stack[i]);
            }
        }
        super.visitFrame(type, numLocal, locals, kept.size(), kept.toArray());
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        beforeInsn();
        super.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitVarInsn(int opcode, int var) {
        beforeInsn();
        super.visitVarInsn(opcode, var);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String desc) {
        beforeInsn();
        super.visitFieldInsn(opcode, owner, name, desc);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String desc, Handle bsm, Object... bsmArgs) {
        beforeInsn();
        super.visitInvokeDynamicInsn(name, desc, bsm, bsmArgs);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        beforeInsn();
        super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitLdcInsn(Object value) {
        beforeInsn();
        super.visitLdcInsn(value);
    }

    @Override
    public void visitIincInsn(int var, int increment) {
        beforeInsn();
        super.visitIincInsn(var, increment);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        beforeInsn();
        super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        beforeInsn();
        super.visitLookupSwitchInsn(dflt, keys, labels);
    }

    @Override
    public void visitMultiANewArrayInsn(String desc, int dims) {
        beforeInsn();
        super.visitMultiANewArrayInsn(desc, dims);
    }

    @Override
    public void visitLineNumber(int line, Label start) {
        release();
        super.visitLineNumber(line, start);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        release();
        super.visitMaxs(maxStack, maxLocals);
    }

    private void beforeInsn() {
        release();
        labelsBeforeInsn.clear();
    }

    /** Emits a held-back {@code NEW} that is not followed by {@code DUP}: that site stays as it was. */
    private void release() {
        if (heldType != null) {
            super.visitTypeInsn(Opcodes.NEW, heldType);
            pending.push(KEPT);
            heldType = null;
        }
    }
}
