package dev.slabagent.agent.transform;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicVerifier;

/**
 * A safety net run on every rewritten class before it is handed to the JVM: ASM's {@link BasicVerifier}
 * (stack heights and value kinds, no class loading) over each method and, in class files of Java 7 and later, its
 * stack map frames held against its code ({@link StackMapCheck}), so that bytecode the rewriter did not expect (not
 * from javac), or a frame it got wrong, makes the transform fail, leaving the class unchanged, instead of a
 * {@code VerifyError} at load time.
 */
final class RewriteCheck {

    private RewriteCheck() {
    }

    /** Throws IllegalStateException naming the method and the problem if a method does not verify. */
    static void verify(byte[] classFile) {
        ClassNode node = new ClassNode();
        new ClassReader(classFile).accept(node, ClassReader.SKIP_DEBUG | ClassReader.EXPAND_FRAMES);
        boolean frames = (node.version & 0xFFFF) >= Opcodes.V1_7;
        for (MethodNode method : node.methods) {
            try {
                new Analyzer<>(new BasicVerifier()).analyze(node.name, method);
                if (frames) {
                    new StackMapCheck(method).check();
                }
            } catch (AnalyzerException e) {
                throw new IllegalStateException("rewritten " + method.name + method.desc + " does not verify: "
                        + e.getMessage());
            }
        }
    }
}
