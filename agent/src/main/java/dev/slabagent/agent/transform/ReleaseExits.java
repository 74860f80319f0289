package dev.slabagent.agent.transform;

import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.LocalVariablesSorter;

/**
 * Inserts a release point's call at the exits of one release method: hands the released object (an argument or
 * {@code this}) to the release point's {@code (Object)void} handle ({@link ReleaserLoad}).
 *
 * <ul>
 *   <li>The released object is copied into a new local at entry, so the method may reassign its parameter: the object
 *       it was called with is the one released.</li>
 *   <li>Every return stores its value in a new local and jumps to one exit block, which calls the handle and returns
 *       the stored value.</li>
 *   <li>By default only a normal return releases ({@code slab.NAME.onthrow=keep}): a method may throw because the
 *       object is misused, e.g. stopped twice, and freeing it then would put it into the cache a second time. With
 *       {@code onthrow=free} a handler for {@link Throwable} around the whole body releases too and rethrows; it is
 *       the last entry of the exception table, so the method's own handlers come first.</li>
 *   <li>Nothing the call throws reaches the host program (a handler around it drops it), except with
 *       {@code debug=fail}, whose double-free exception must reach the caller.</li>
 * </ul>
 * New locals come from ASM's {@link LocalVariablesSorter}, which moves the method's own locals up and keeps its stack
 * map frames right (the class must be read with {@code ClassReader.EXPAND_FRAMES}); the frames of the inserted code
 * name only the inserted locals, and are written for class files of Java 6 and later. A method with subroutines
 * ({@code jsr}, Java 5 and older) is refused: the transform fails and the class stays as it was.
 */
final class ReleaseExits extends LocalVariablesSorter {

    private static final String THROWABLE = Type.getInternalName(Throwable.class);
    private static final String OBJECT = Type.getInternalName(Object.class);
    private static final String METHOD_HANDLE = Type.getInternalName(MethodHandle.class);
    private static final String INVOKE_EXACT = Type.getMethodDescriptor(Type.VOID_TYPE, Type.getType(Object.class));

    private final ReleaserLoad releaser;
    private final int releasedSlot;
    private final boolean failing;
    private final boolean freeOnThrow;
    private final boolean frames;
    private final Type returnType;
    private final Label exit = new Label();
    private final Label bodyStart = new Label();
    private final Label bodyEnd = new Label();
    private int released;
    private int thrown = -1;
    private int result = -1;

    /**
     * @param next         the visitor the rewritten code goes to
     * @param access       the method's access flags
     * @param descriptor   the method's descriptor
     * @param releasedSlot the local slot of the released argument ({@link #slotOf}), 0 for {@code this}
     * @param releaser     pushes the release point's handle
     * @param failing      whether what the call throws reaches the caller ({@code debug=fail})
     * @param freeOnThrow  whether an exit by exception releases too ({@code onthrow=free})
     * @param major        the class file's major version: frames from Java 6 (50)
     */
    ReleaseExits(MethodVisitor next, int access, String descriptor, int releasedSlot, ReleaserLoad releaser,
                 boolean failing, boolean freeOnThrow, int major) {
        super(Opcodes.ASM9, access, descriptor, next);
        this.releaser = releaser;
        this.releasedSlot = releasedSlot;
        this.failing = failing;
        this.freeOnThrow = freeOnThrow;
        this.frames = major >= Opcodes.V1_6;
        this.returnType = Type.getReturnType(descriptor);
    }

    /** The local slot of argument {@code argIndex} (0-based) of a method with these access flags and descriptor. */
    static int slotOf(int access, String descriptor, int argIndex) {
        int slot = (access & Opcodes.ACC_STATIC) == 0 ? 1 : 0;
        Type[] arguments = Type.getArgumentTypes(descriptor);
        for (int i = 0; i < argIndex; i++) {
            slot += arguments[i].getSize();
        }
        return slot;
    }

    @Override
    public void visitCode() {
        super.visitCode();
        released = newLocal(Type.getType(Object.class));
        if (freeOnThrow) {
            thrown = newLocal(Type.getType(Throwable.class));
        }
        if (returnType.getSort() != Type.VOID) {
            result = newLocal(returnType);
        }
        mv.visitVarInsn(Opcodes.ALOAD, releasedSlot);
        mv.visitVarInsn(Opcodes.ASTORE, released);
        mv.visitLabel(bodyStart);
    }

    /** The method's own frames: the exception and the result locals hold nothing there yet. */
    @Override
    protected void updateNewLocals(Object[] newLocals) {
        if (thrown >= 0) {
            newLocals[thrown] = Opcodes.TOP;
        }
        if (result >= 0) {
            newLocals[result] = Opcodes.TOP;
        }
    }

    @Override
    public void visitInsn(int opcode) {
        if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
            if (result >= 0) {
                mv.visitVarInsn(returnType.getOpcode(Opcodes.ISTORE), result);
            }
            mv.visitJumpInsn(Opcodes.GOTO, exit);
            return;
        }
        super.visitInsn(opcode);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        if (opcode == Opcodes.JSR) {
            throw new IllegalStateException("a release method with a subroutine (jsr) is not rewritten");
        }
        super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        mv.visitLabel(bodyEnd);
        mv.visitLabel(exit);
        Object resultType = result >= 0 ? frameType(returnType) : null;
        frame(Opcodes.TOP, resultType, false);
        release(Opcodes.TOP, resultType);
        if (result >= 0) {
            mv.visitVarInsn(returnType.getOpcode(Opcodes.ILOAD), result);
        }
        mv.visitInsn(returnType.getOpcode(Opcodes.IRETURN));
        if (freeOnThrow) {
            Label onThrow = new Label();
            mv.visitTryCatchBlock(bodyStart, bodyEnd, onThrow, THROWABLE);
            mv.visitLabel(onThrow);
            Object unset = result >= 0 ? Opcodes.TOP : null;
            frame(Opcodes.TOP, unset, true);
            mv.visitVarInsn(Opcodes.ASTORE, thrown);
            release(THROWABLE, unset);
            mv.visitVarInsn(Opcodes.ALOAD, thrown);
            mv.visitInsn(Opcodes.ATHROW);
        }
        super.visitMaxs(maxStack, maxLocals);
    }

    /** The call, and unless failing a handler around it that drops what it throws; the locals as in {@link #frame}. */
    private void release(Object thrownType, Object resultType) {
        if (failing) {
            call();
            return;
        }
        Label start = new Label();
        Label end = new Label();
        Label dropped = new Label();
        Label done = new Label();
        mv.visitTryCatchBlock(start, end, dropped, THROWABLE);
        mv.visitLabel(start);
        call();
        mv.visitLabel(end);
        mv.visitJumpInsn(Opcodes.GOTO, done);
        mv.visitLabel(dropped);
        frame(thrownType, resultType, true);
        mv.visitInsn(Opcodes.POP);
        mv.visitLabel(done);
        frame(thrownType, resultType, false);
    }

    private void call() {
        releaser.push(mv);
        mv.visitVarInsn(Opcodes.ALOAD, released);
        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, METHOD_HANDLE, "invokeExact", INVOKE_EXACT, false);
    }

    /**
     * A frame of the inserted code: the method's own locals unknown (top), then the released object, the exception
     * local's type (if {@code onthrow=free}) and the result local's ({@code null} for a void method); {@code caught}
     * if a throwable is on the stack.
     */
    private void frame(Object thrownType, Object resultType, boolean caught) {
        if (!frames) {
            return;
        }
        List<Object> locals = new ArrayList<>(Collections.nCopies(firstLocal, Opcodes.TOP));
        locals.add(OBJECT);
        if (thrown >= 0) {
            locals.add(thrownType);
        }
        if (resultType != null) {
            locals.add(resultType);
        }
        Object[] stack = caught ? new Object[] {THROWABLE} : new Object[0];
        mv.visitFrame(Opcodes.F_NEW, locals.size(), locals.toArray(), stack.length, stack);
    }

    private static Object frameType(Type t) {
        switch (t.getSort()) {
            case Type.BOOLEAN, Type.CHAR, Type.BYTE, Type.SHORT, Type.INT:
                return Opcodes.INTEGER;
            case Type.FLOAT:
                return Opcodes.FLOAT;
            case Type.LONG:
                return Opcodes.LONG;
            case Type.DOUBLE:
                return Opcodes.DOUBLE;
            case Type.ARRAY:
                return t.getDescriptor();
            default:
                return t.getInternalName();
        }
    }
}
