package dev.slabagent.demo.show;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.util.Textifier;
import org.objectweb.asm.util.TraceMethodVisitor;

/**
 * The instructions of one method of a class file as ASM's {@link Textifier} prints them, without debug
 * information and stack-map frames (they only add noise to a before/after comparison).
 */
public final class MethodListing {

    private MethodListing() {
    }

    /**
     * Lines of every method named {@code methodName} in {@code classFile}, each method introduced by a line with
     * its name and descriptor.
     *
     * @throws IllegalArgumentException if the class has no such method
     */
    public static List<String> of(byte[] classFile, String methodName) {
        ClassNode node = new ClassNode();
        new ClassReader(classFile).accept(node, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        List<String> lines = new ArrayList<>();
        for (MethodNode method : node.methods) {
            if (method.name.equals(methodName)) {
                lines.add(method.name + method.desc);
                lines.addAll(instructions(method));
            }
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("class " + node.name + " has no method " + methodName);
        }
        return lines;
    }

    private static List<String> instructions(MethodNode method) {
        Textifier textifier = new Textifier();
        method.accept(new TraceMethodVisitor(textifier));
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            textifier.print(out);
        }
        return text.toString().lines().filter(line -> !line.isBlank()).toList();
    }
}
