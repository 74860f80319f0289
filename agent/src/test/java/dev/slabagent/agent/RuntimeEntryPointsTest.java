package dev.slabagent.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slabagent.agent.transform.RuntimeVisibility;
import fixture.arrays.Buffers;
import fixture.pool.Router;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Every class of the agent's runtime that rewritten code names (sites, release points, slab debugging's checks) is
 * one of the entry points {@link RuntimeVisibility} asks a class loader for: a loader that resolves those resolves all
 * that rewritten code needs.
 */
class RuntimeEntryPointsTest {

    private static final String RUNTIME = "dev/slabagent/runtime/";

    @AfterEach
    void uninstall() {
        TestAgent.installer().uninstall();
    }

    @Test
    void rewrittenCodeNamesOnlyTheEntryPoints() throws Exception {
        Installation installed = TestAgent.install("""
                slab.packet.class=fixture.pool.Packet
                slab.packet.release=fixture.pool.Router#stop:0
                slab.packet.when=ref==0
                slab.block.array=byte[4096]
                slab.block.release=fixture.arrays.Buffers#free:0
                debug=on
                sites=fixture
                """);
        assertEquals(2, installed.activated().size(), installed.problems().toString());
        Set<String> named = new TreeSet<>();
        for (Class<?> rewritten : new Class<?>[] {Router.class, Buffers.class}) {
            named.addAll(runtimeClassesNamedBy(TestAgent.currentClassFile(rewritten)));
        }
        Set<String> entryPoints = new TreeSet<>();
        RuntimeVisibility.entryPoints().forEach(c -> entryPoints.add(Type.getInternalName(c)));
        assertTrue(named.size() >= 2, "the rewritten classes name the runtime: " + named);
        assertTrue(entryPoints.containsAll(named), named + " named, entry points " + entryPoints);
    }

    /** The runtime classes a class file names as owners of calls, fields, bootstrap methods and handles. */
    private static Set<String> runtimeClassesNamedBy(byte[] classFile) {
        Set<String> named = new TreeSet<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] ex) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String n, String d, boolean itf) {
                        add(owner);
                    }

                    @Override
                    public void visitFieldInsn(int opcode, String owner, String n, String d) {
                        add(owner);
                    }

                    @Override
                    public void visitInvokeDynamicInsn(String n, String d, Handle bsm, Object... args) {
                        add(bsm.getOwner());
                        for (Object arg : args) {
                            constant(arg);
                        }
                    }

                    @Override
                    public void visitLdcInsn(Object value) {
                        constant(value);
                    }

                    private void constant(Object value) {
                        if (value instanceof Handle h) {
                            add(h.getOwner());
                        } else if (value instanceof ConstantDynamic c) {
                            add(c.getBootstrapMethod().getOwner());
                        } else if (value instanceof Type t && t.getSort() == Type.OBJECT) {
                            add(t.getInternalName());
                        }
                    }

                    private void add(String owner) {
                        if (owner.startsWith(RUNTIME)) {
                            named.add(owner);
                        }
                    }
                };
            }
        }, 0);
        return named;
    }
}
