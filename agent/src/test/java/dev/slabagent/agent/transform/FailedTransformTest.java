package dev.slabagent.agent.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.slabagent.agent.config.AgentConfig;
import dev.slabagent.agent.config.ConfigParser;
import java.util.List;
import net.bytebuddy.dynamic.ClassFileLocator;
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

    private static SlabTransformer transformer() throws InvalidCacheException {
        AgentConfig config = ConfigParser.parse("""
                slab.point.class=fixture.sites.Point
                slab.point.release=fixture.sites.Points#release:0
                sites=fixture.sites
                """);
        ClassFilter filter = new ClassFilter(config.sitePrefixes());
        CachePlan plan = new CacheValidator(ClassFileLocator.ForClassLoader.ofSystemLoader(), filter)
                .validate(config.caches().get(0));
        return new SlabTransformer(List.of(new Rewrite(plan, 0)), filter);
    }

    /** A class whose {@code make()} does {@code NEW Point; DUP; 1L; 2.0; INVOKESPECIAL initOwner.<init>(JD)V}. */
    private static byte[] classWithSite(String name, String initOwner) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, name, null, "java/lang/Object", null);
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
