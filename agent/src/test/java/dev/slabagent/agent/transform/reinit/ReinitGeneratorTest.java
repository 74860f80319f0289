package dev.slabagent.agent.transform.reinit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fixture.bad.Counted;
import fixture.bad.Holder;
import fixture.bad.Registered;
import fixture.bad.RegisteredViaLambda;
import fixture.bad.RegisteredViaLocal;
import fixture.bad.SuperCall;
import dev.slabagent.runtime.alloc.ReinitLink;
import dev.slabagent.runtime.alloc.ReinitPart;
import fixture.pool.Packet;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.util.CheckClassAdapter;

/** The reinit class is valid bytecode with the expected methods, and unsafe classes are refused with a reason. */
class ReinitGeneratorTest {

    private static final ClassSource JDK_KINDS = new ClassSource() {
        @Override
        public Kind kind(String name) {
            return name.endsWith("Map") ? Kind.MAP : name.startsWith("java/util/") ? Kind.COLLECTION : Kind.OTHER;
        }

        @Override
        public byte[] classFile(String name) {
            try (InputStream in = ClassLoader.getSystemResourceAsStream(name + ".class")) {
                return in == null ? null : in.readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    };

    @Test
    void packetReinitClassVerifiesAndHasOneBodyPerConstructor() throws Exception {
        for (List<String> preserve : List.of(List.<String>of(), List.of("callbacks", "slots", "attributes"))) {
            ReinitTemplate template = ReinitGenerator.generate(classFile(Packet.class), preserve, true, JDK_KINDS);
            assertEquals(1, template.parts().size(), "Packet extends Object: one part");
            ReinitPart part = template.parts().get(0);
            assertEquals("fixture.pool.Packet", part.className());
            assertEquals(List.of(new ReinitLink(ReinitLink.Kind.PUT_FIELD, "fixture/pool/Packet", "id", "J")), part.links());
            assertEquals("", verify(part, Packet.class.getClassLoader()), "preserve " + preserve);
            ClassNode node = new ClassNode();
            new ClassReader(part.classFile()).accept(node, 0);
            assertEquals("fixture/pool/Packet$$SlabReinit", node.name);
            List<String> methods = new ArrayList<>(List.of("body(Lfixture/pool/Packet;J)V",
                    "body(Lfixture/pool/Packet;JD)V", "reset(Lfixture/pool/Packet;)V"));
            if (!preserve.isEmpty()) {
                methods.add("prepare(Lfixture/pool/Packet;)V");
            }
            methods.addAll(List.of("init(Lfixture/pool/Packet;J)V", "init(Lfixture/pool/Packet;JD)V",
                    "link$0(Lfixture/pool/Packet;J)V"));
            assertEquals(methods, node.methods.stream().map(m -> m.name + m.desc).toList());
        }
    }

    @Test
    void preservedCreationIsSkippedInTheBody() throws Exception {
        ReinitTemplate template = ReinitGenerator.generate(classFile(Packet.class), List.of("callbacks", "attributes"), true,
                JDK_KINDS);
        ClassNode node = new ClassNode();
        new ClassReader(template.parts().get(0).classFile()).accept(node, 0);
        MethodNode rootBody = node.methods.stream().filter(m -> m.desc.equals("(Lfixture/pool/Packet;JD)V")
                && m.name.equals("body")).findFirst().orElseThrow();
        long news = 0;
        for (AbstractInsnNode insn : rootBody.instructions) {
            news += insn.getOpcode() == Opcodes.NEW ? 1 : 0;
        }
        assertEquals(0, news, "the body creates no ArrayList or HashMap: the preserved list and map are kept");
    }

    @Test
    void constructorWritingStaticStateIsRefused() {
        assertRefused(Counted.class, List.of(), "constructor fixture.bad.Counted() writes static field count:"
                + " it cannot be re-run on a recycled object");
    }

    @Test
    void constructorHandingThisOutIsRefused() {
        assertRefused(Registered.class, List.of(), "constructor fixture.bad.Registered() passes this to"
                + " java.util.List.add(..): it cannot be re-run on a recycled object");
    }

    @Test
    void constructorHandingThisOutThroughALocalOrALambdaIsRefused() {
        assertRefused(RegisteredViaLocal.class, List.of(), "constructor fixture.bad.RegisteredViaLocal() copies this"
                + " into local 1: it cannot be re-run on a recycled object");
        assertRefused(RegisteredViaLambda.class, List.of(), "constructor fixture.bad.RegisteredViaLambda() captures"
                + " this in invokedynamic run: it cannot be re-run on a recycled object");
    }

    @Test
    void constructorCallingSuperMethodIsRefused() {
        assertRefused(SuperCall.class, List.of(), "constructor fixture.bad.SuperCall() calls super.hashCode(..):"
                + " it cannot be re-run on a recycled object");
    }

    @Test
    void preserveOfNonContainerOrNonCreatedFieldIsRefused() {
        assertRefused(Holder.class, List.of("n"), "preserve: field n of fixture.bad.Holder is a int,"
                + " not a Collection, Map or array");
        assertRefused(Holder.class, List.of("items"), "preserve: field items of fixture.bad.Holder is not created"
                + " by exactly one plain new of a collection, map or array with constant arguments (a size or argument"
                + " the constructor computes or takes cannot be re-run on reuse) in constructor"
                + " fixture.bad.Holder(java.util.List)");
        assertRefused(Holder.class, List.of("missing"), "preserve: fixture.bad.Holder has no instance field missing");
    }

    @Test
    void fieldsMadeLaterArePreservedWhenEveryStoreIsTheSamePlainCreation() throws Exception {
        ReinitTemplate template = ReinitGenerator.generate(classFile(fixture.lazy.LazyBuffer.class),
                List.of("buffer", "lines"), true, JDK_KINDS);
        assertTrue(template.parts().get(0).classFile().length > 0);
    }

    @Test
    void fieldsMadeLaterThatCannotBeKeptSafelyAreRefused() {
        assertRefused(fixture.lazy.Unsafe.class, List.of("open"), "preserve: field open of fixture.lazy.Unsafe is made"
                + " after construction but is not private: code outside the class could store anything in it");
        assertRefused(fixture.lazy.Unsafe.class, List.of("twoWays"), "preserve: field twoWays of fixture.lazy.Unsafe"
                + " is made after construction in different ways");
        assertRefused(fixture.lazy.Unsafe.class, List.of("sized"), "preserve: field sized of fixture.lazy.Unsafe is"
                + " made after construction, and stored in method fixture.lazy.Unsafe.use(int) with something other"
                + " than one plain new of a collection, map or array");
    }

    /** What ASM's verifier (real type checks, classes from {@code loader}) says about a part; empty if fine. */
    static String verify(ReinitPart part, ClassLoader loader) {
        StringWriter problems = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(part.classFile()), loader, false, new PrintWriter(problems));
        return problems.toString();
    }

    private static void assertRefused(Class<?> type, List<String> preserve, String reason) {
        RefusedException e = assertThrows(RefusedException.class,
                () -> ReinitGenerator.generate(classFile(type), preserve, true, JDK_KINDS));
        assertEquals(reason, e.getMessage());
    }

    private static byte[] classFile(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            return in.readAllBytes();
        }
    }
}
