package dev.slabagent.agent.transform;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The safety net holds each stack map frame against the code: a frame that declares a local the code has not set on
 * every path to it (the JVM's verifier would throw {@code VerifyError} as the class loads) fails the check.
 */
class RewriteCheckTest {

    @Test
    void aFrameThatFitsTheCodePasses() {
        assertDoesNotThrow(() -> RewriteCheck.verify(classWithJoinFrame(Opcodes.TOP)));
    }

    @Test
    void aFrameDeclaringALocalSetOnOnlyOnePathFails() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RewriteCheck.verify(classWithJoinFrame(Opcodes.INTEGER)));
        assertTrue(e.getMessage().contains("m(Z)I") && e.getMessage().contains("local 1"), e.getMessage());
    }

    @Test
    void aFrameDeclaringTheWrongKindFails() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RewriteCheck.verify(classWithJoinFrame("java/lang/Object")));
        assertTrue(e.getMessage().contains("local 1"), e.getMessage());
    }

    @Test
    void aFrameLeavingOutALocalTheCodeAfterItReadsFails() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RewriteCheck.verify(classWithExitFrame(Opcodes.TOP)));
        assertTrue(e.getMessage().contains("m(Z)I"), e.getMessage());
        assertDoesNotThrow(() -> RewriteCheck.verify(classWithExitFrame(Opcodes.INTEGER)));
    }

    /**
     * {@code static int m(boolean b)}: local 1 is set on both paths, which meet at a frame declaring it as
     * {@code local1}; the code after the frame returns local 1.
     */
    private static byte[] classWithExitFrame(Object local1) {
        return classWithMethod(mv -> {
            Label other = new Label();
            Label exit = new Label();
            mv.visitVarInsn(Opcodes.ILOAD, 0);
            mv.visitJumpInsn(Opcodes.IFEQ, other);
            mv.visitInsn(Opcodes.ICONST_1);
            mv.visitVarInsn(Opcodes.ISTORE, 1);
            mv.visitJumpInsn(Opcodes.GOTO, exit);
            mv.visitLabel(other);
            mv.visitFrame(Opcodes.F_NEW, 1, new Object[] {Opcodes.INTEGER}, 0, new Object[0]);
            mv.visitInsn(Opcodes.ICONST_2);
            mv.visitVarInsn(Opcodes.ISTORE, 1);
            mv.visitLabel(exit);
            mv.visitFrame(Opcodes.F_NEW, 2, new Object[] {Opcodes.INTEGER, local1}, 0, new Object[0]);
            mv.visitVarInsn(Opcodes.ILOAD, 1);
            mv.visitInsn(Opcodes.IRETURN);
        });
    }

    /**
     * {@code static int m(boolean b)}: local 1 is an int set only when {@code b}; the frame where the two paths join
     * declares local 1 as {@code local1}; the code after it reads only local 0 (so ASM's BasicVerifier alone is happy).
     */
    private static byte[] classWithJoinFrame(Object local1) {
        return classWithMethod(mv -> {
            Label join = new Label();
            mv.visitVarInsn(Opcodes.ILOAD, 0);
            mv.visitJumpInsn(Opcodes.IFEQ, join);
            mv.visitInsn(Opcodes.ICONST_1);
            mv.visitVarInsn(Opcodes.ISTORE, 1);
            mv.visitLabel(join);
            mv.visitFrame(Opcodes.F_NEW, 2, new Object[] {Opcodes.INTEGER, local1}, 0, new Object[0]);
            mv.visitVarInsn(Opcodes.ILOAD, 0);
            mv.visitInsn(Opcodes.IRETURN);
        });
    }

    /** A Java 17 class with one method {@code static int m(boolean)} (two locals, a stack of one) of code {@code body}. */
    private static byte[] classWithMethod(Consumer<MethodVisitor> body) {
        ClassWriter cw = new ClassWriter(0);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "fixture/Frames", null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "m", "(Z)I", null, null);
        mv.visitCode();
        body.accept(mv);
        mv.visitMaxs(1, 2);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }
}
