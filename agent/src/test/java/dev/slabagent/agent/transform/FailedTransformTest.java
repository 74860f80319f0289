package dev.slabagent.agent.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** A class whose transform fails is returned unchanged (the transformer answers null), never half-rewritten. */
class FailedTransformTest {

    private static final String POINT = "fixture/sites/Point";

    @Test
    void mismatchedConstructorPairingLeavesTheClassAsItWas() throws Exception {
        SlabTransformer transformer = transformer();
        byte[] odd = classWithSite("fixture/sites/Odd", "fixture/sites/Wrapper");
        assertNull(transformer.transform(getClass().getModule(), getClass().getClassLoader(), "fixture/sites/Odd", null, null, odd));
        assertEquals(List.of(), List.copyOf(transformer.transformedClasses()));
    }

    @Test
    void rewriteThatWouldNotVerifyLeavesTheClassAsItWas() throws Exception {
        SlabTransformer transformer = transformer();
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "fixture/sites/Stored", null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "make", "()Ljava/lang/Object;", null, null);
        mv.visitCode();
        mv.visitTypeInsn(Opcodes.NEW, POINT);
        mv.visitInsn(Opcodes.DUP);
        mv.visitVarInsn(Opcodes.ASTORE, 0);
        mv.visitLdcInsn(1L);
        mv.visitLdcInsn(2.0);
        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, POINT, "<init>", "(JD)V", false);
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitInsn(Opcodes.ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        byte[] stored = cw.toByteArray();
        assertNull(transformer.transform(getClass().getModule(), getClass().getClassLoader(), "fixture/sites/Stored",
                null, null, stored), "valid javac-unlike code the rewriter cannot handle is left alone");
    }

    @Test
    void wellFormedSiteIsTransformed() throws Exception {
        SlabTransformer transformer = transformer();
        byte[] fine = classWithSite("fixture/sites/Fine", POINT);
        assertNotNull(transformer.transform(getClass().getModule(), getClass().getClassLoader(), "fixture/sites/Fine", null, null, fine));
        assertEquals(List.of("fixture/sites/Fine"), List.copyOf(transformer.transformedClasses()));
    }

    @Test
    void aSiteInAClassFileOlderThanJava5IsLeftAsItWas() throws Exception {
        SlabTransformer transformer = transformer();
        byte[] old = classWithSite(Opcodes.V1_4, "fixture/sites/Old14", POINT);
        assertNull(transformer.transform(getClass().getModule(), getClass().getClassLoader(), "fixture/sites/Old14", null,
                null, old), "a Java 1.4 class file cannot name the class constant the site's lookup needs");
        byte[] java5 = classWithSite(Opcodes.V1_5, "fixture/sites/Old15", POINT);
        assertNotNull(transformer.transform(getClass().getModule(), getClass().getClassLoader(), "fixture/sites/Old15",
                null, null, java5));
        assertEquals(List.of("fixture/sites/Old15"), List.copyOf(transformer.transformedClasses()));
    }

    private static SlabTransformer transformer() throws InvalidCacheException {
        return new SlabTransformer(List.of(new Rewrite(PointPlan.of("point"), 0)), PointPlan.FILTER);
    }

    /** A class whose {@code make()} does {@code NEW Point; DUP; 1L; 2.0; INVOKESPECIAL initOwner.<init>(JD)V}. */
    private static byte[] classWithSite(String name, String initOwner) {
        return classWithSite(Opcodes.V17, name, initOwner);
    }

    /** {@link #classWithSite(String, String)} in a class file of {@code version}. */
    private static byte[] classWithSite(int version, String name, String initOwner) {
        ClassWriter cw = new ClassWriter(version >= Opcodes.V1_6 ? ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS
                : ClassWriter.COMPUTE_MAXS);
        cw.visit(version, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, name, null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "make", "()Ljava/lang/Object;", null, null);
        mv.visitCode();
        mv.visitTypeInsn(Opcodes.NEW, POINT);
        mv.visitInsn(Opcodes.DUP);
        mv.visitInsn(Opcodes.LCONST_1);
        mv.visitLdcInsn(2.0);
        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, initOwner, "<init>", "(JD)V", false);
        mv.visitInsn(Opcodes.ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }
}
