package dev.slabagent.agent;

import dev.slabagent.agent.config.ConfigParser;
import dev.slabagent.runtime.alloc.SlabSites;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.util.CheckClassAdapter;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;

/** The agent installed into the test JVM, and ways to read back what it did to a class. */
final class TestAgent {

    private static final String SLAB_SITES = Type.getInternalName(SlabSites.class);

    private TestAgent() {
    }

    /** This JVM's installer, made with the test JVM's Instrumentation on first use. */
    static AgentInstaller installer() {
        return AgentInstaller.in(instrumentation());
    }

    /** This JVM's Instrumentation (self-attach through ByteBuddy's agent). */
    static Instrumentation instrumentation() {
        return ByteBuddyAgent.install();
    }

    private static final Pattern CACHE = Pattern.compile("(?m)^\\s*slab\\.([^.\\s]+)\\.(?:class|array)\\s*=");

    /**
     * Installs a config given as properties text, replacing the one installed before. The tests of the reuse
     * machinery want objects reused from the first release: a cache whose config does not set
     * {@code verify} or {@code sample} gets 0 for them (the verification tests set them).
     */
    static Installation install(String config) {
        StringBuilder checked = new StringBuilder(config).append('\n');
        Matcher m = CACHE.matcher(config);
        while (m.find()) {
            for (String check : List.of("verify", "sample")) {
                String key = "slab." + m.group(1) + "." + check;
                if (!config.contains(key)) {
                    checked.append(key).append("=0\n");
                }
            }
        }
        return installer().install(ConfigParser.parse(checked.toString()));
    }

    /** The class file of a loaded class as the JVM runs it now (after every retransform-capable transformer). */
    static byte[] currentClassFile(Class<?> type) throws Exception {
        return ClassFileCapture.current(instrumentation(), type);
    }

    /** Names of the methods of the class file that contain a {@code NEW} of {@code type} (internal name). */
    static List<String> methodsWithNew(byte[] classFile, String type) {
        List<String> found = new ArrayList<>();
        for (MethodNode m : read(classFile).methods) {
            for (AbstractInsnNode insn : m.instructions) {
                if (insn.getOpcode() == Opcodes.NEW && ((TypeInsnNode) insn).desc.equals(type)) {
                    found.add(m.name + m.desc);
                    break;
                }
            }
        }
        return found;
    }

    /** How many rewritten sites ({@code invokedynamic} bootstrapped by SlabSites) the class file has. */
    static long slabSites(byte[] classFile) {
        long n = 0;
        for (MethodNode m : read(classFile).methods) {
            for (AbstractInsnNode insn : m.instructions) {
                if (insn instanceof InvokeDynamicInsnNode indy && indy.bsm.getOwner().equals(SLAB_SITES)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** What ASM's verifier (with real type checks, classes from {@code loader}) says about a class file; empty if fine. */
    static String verify(byte[] classFile, ClassLoader loader) {
        StringWriter out = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(classFile), loader, false, new PrintWriter(out));
        return out.toString();
    }

    private static ClassNode read(byte[] classFile) {
        ClassNode node = new ClassNode();
        new ClassReader(classFile).accept(node, 0);
        return node;
    }
}
