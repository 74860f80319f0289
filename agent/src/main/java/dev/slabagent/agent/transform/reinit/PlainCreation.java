package dev.slabagent.agent.transform.reinit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * A constructor's plain creation of a field's object, {@code this.f = new X(constants..)} or
 * {@code this.f = new E[constant]}: the instructions {@code ALOAD 0; <value>; PUTFIELD f} with no branch in
 * between. The reinit body skips these instructions; the reset re-runs {@code <value>} only when the kept
 * object is missing or of another class.
 */
final class PlainCreation {

    private final List<AbstractInsnNode> statement;
    private final List<AbstractInsnNode> value;
    private final Type createdType;

    private PlainCreation(List<AbstractInsnNode> statement, List<AbstractInsnNode> value, Type createdType) {
        this.statement = statement;
        this.value = value;
        this.createdType = createdType;
    }

    /** The plain creation ending in {@code putfield}, or {@code null} if the stored value is anything else. */
    static PlainCreation endingAt(AbstractInsnNode putfield) {
        List<AbstractInsnNode> backwards = new ArrayList<>();
        AbstractInsnNode insn = previous(putfield);
        if (insn == null) {
            return null;
        }
        Type created;
        if (insn.getOpcode() == Opcodes.NEWARRAY || insn.getOpcode() == Opcodes.ANEWARRAY) {
            created = Type.getType(arrayDescriptor(insn));
            backwards.add(insn);
            insn = previous(insn);
            if (!isConstant(insn)) {
                return null;
            }
            backwards.add(insn);
        } else if (insn.getOpcode() == Opcodes.INVOKESPECIAL && ((MethodInsnNode) insn).name.equals("<init>")) {
            MethodInsnNode init = (MethodInsnNode) insn;
            backwards.add(insn);
            for (int i = Type.getArgumentTypes(init.desc).length; i > 0; i--) {
                insn = previous(insn);
                if (!isConstant(insn)) {
                    return null;
                }
                backwards.add(insn);
            }
            AbstractInsnNode dup = previous(insn);
            AbstractInsnNode newInsn = previous(dup);
            if (dup == null || dup.getOpcode() != Opcodes.DUP || newInsn == null || newInsn.getOpcode() != Opcodes.NEW
                    || !((TypeInsnNode) newInsn).desc.equals(init.owner)) {
                return null;
            }
            backwards.add(dup);
            backwards.add(newInsn);
            insn = newInsn;
            created = Type.getObjectType(init.owner);
        } else {
            return null;
        }
        AbstractInsnNode self = previous(insn);
        if (!(self instanceof VarInsnNode) || self.getOpcode() != Opcodes.ALOAD || ((VarInsnNode) self).var != 0) {
            return null;
        }
        Collections.reverse(backwards);
        List<AbstractInsnNode> statement = new ArrayList<>();
        statement.add(self);
        statement.addAll(backwards);
        statement.add(putfield);
        return new PlainCreation(statement, backwards, created);
    }

    /** The class (or array type) of the object created. */
    Type createdType() {
        return createdType;
    }

    /** Removes the whole statement from the constructor code it is in. */
    void removeFrom(InsnList code) {
        statement.forEach(code::remove);
    }

    /** A copy of the instructions that push the new object. */
    InsnList copyOfValue() {
        InsnList copy = new InsnList();
        value.forEach(insn -> copy.add(insn.clone(Collections.emptyMap())));
        return copy;
    }

    /** A text identifying the created object and its constant arguments, to compare creations. */
    String key() {
        StringBuilder key = new StringBuilder();
        for (AbstractInsnNode insn : value) {
            key.append(insn.getOpcode()).append(' ');
            if (insn instanceof IntInsnNode) {
                key.append(((IntInsnNode) insn).operand);
            } else if (insn instanceof LdcInsnNode) {
                key.append(((LdcInsnNode) insn).cst);
            } else if (insn instanceof TypeInsnNode) {
                key.append(((TypeInsnNode) insn).desc);
            } else if (insn instanceof MethodInsnNode) {
                key.append(((MethodInsnNode) insn).owner).append(((MethodInsnNode) insn).desc);
            }
            key.append(';');
        }
        return key.toString();
    }

    private static String arrayDescriptor(AbstractInsnNode insn) {
        if (insn instanceof TypeInsnNode) {
            String element = ((TypeInsnNode) insn).desc;
            return "[" + (element.startsWith("[") ? element : "L" + element + ";");
        }
        switch (((IntInsnNode) insn).operand) {
            case Opcodes.T_BOOLEAN: return "[Z";
            case Opcodes.T_CHAR: return "[C";
            case Opcodes.T_FLOAT: return "[F";
            case Opcodes.T_DOUBLE: return "[D";
            case Opcodes.T_BYTE: return "[B";
            case Opcodes.T_SHORT: return "[S";
            case Opcodes.T_INT: return "[I";
            default: return "[J";
        }
    }

    private static boolean isConstant(AbstractInsnNode insn) {
        if (insn == null) {
            return false;
        }
        int op = insn.getOpcode();
        if (op == Opcodes.LDC) {
            return !(((LdcInsnNode) insn).cst instanceof ConstantDynamic);
        }
        return op >= Opcodes.ACONST_NULL && op <= Opcodes.SIPUSH;
    }

    /** The previous instruction, skipping labels and line numbers but not frames (a branch target). */
    private static AbstractInsnNode previous(AbstractInsnNode insn) {
        if (insn == null) {
            return null;
        }
        AbstractInsnNode p = insn.getPrevious();
        while (p != null && (p.getType() == AbstractInsnNode.LABEL || p.getType() == AbstractInsnNode.LINE)) {
            p = p.getPrevious();
        }
        return p == null || p.getType() == AbstractInsnNode.FRAME ? null : p;
    }
}
