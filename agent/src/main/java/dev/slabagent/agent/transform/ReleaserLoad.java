package dev.slabagent.agent.transform;

import dev.slabagent.runtime.alloc.Release;
import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Pushes release point {@code id}'s {@code (Object)void} handle from {@link Release}, as the class file's version
 * allows: a dynamic constant (Java 11 and later), a constant {@code invokedynamic} call site (Java 7 to 10) or,
 * without {@code invokedynamic}, the lookup by id: one stack slot.
 */
final class ReleaserLoad {

    private static final String OWNER = Type.getInternalName(Release.class);
    private static final String NAME = "releaser";
    private static final String HANDLE = Type.getDescriptor(MethodHandle.class);
    private static final Handle CONSTANT = new Handle(Opcodes.H_INVOKESTATIC, OWNER, "releaser",
            MethodType.methodType(MethodHandle.class, MethodHandles.Lookup.class, String.class, Class.class, int.class)
                    .toMethodDescriptorString(), false);
    private static final Handle SITE = new Handle(Opcodes.H_INVOKESTATIC, OWNER, "releaserSite",
            MethodType.methodType(CallSite.class, MethodHandles.Lookup.class, String.class, MethodType.class, int.class)
                    .toMethodDescriptorString(), false);
    private static final String BY_ID = MethodType.methodType(MethodHandle.class, int.class).toMethodDescriptorString();

    private final int major;
    private final int id;

    /** Loads release point {@code id}'s handle in a class file of major version {@code major}. */
    ReleaserLoad(int major, int id) {
        this.major = major;
        this.id = id;
    }

    /** Emits the instructions that push the handle. */
    void push(MethodVisitor visitor) {
        if (major >= Opcodes.V11) {
            visitor.visitLdcInsn(new ConstantDynamic(NAME, HANDLE, CONSTANT, id));
        } else if (major >= Opcodes.V1_7) {
            visitor.visitInvokeDynamicInsn(NAME, "()" + HANDLE, SITE, id);
        } else {
            pushInt(visitor, id);
            visitor.visitMethodInsn(Opcodes.INVOKESTATIC, OWNER, "releaserOf", BY_ID, false);
        }
    }

    /** The shortest instruction pushing {@code value}, as javac picks it. */
    private static void pushInt(MethodVisitor visitor, int value) {
        if (value >= -1 && value <= 5) {
            visitor.visitInsn(Opcodes.ICONST_0 + value);
        } else if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
            visitor.visitIntInsn(Opcodes.BIPUSH, value);
        } else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
            visitor.visitIntInsn(Opcodes.SIPUSH, value);
        } else {
            visitor.visitLdcInsn(value);
        }
    }
}
