package dev.slabagent.agent.transform;

import dev.slabagent.runtime.debug.DebugSites;
import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Slab debugging's use-after-free checks, added only while a cache is debugged: before every
 * {@code GETFIELD}/{@code PUTFIELD} on a debugged class T the receiver is handed to
 * {@code invokedynamic "check" (T)void} ({@link DebugSites}); an instance method of T itself (constructors
 * excepted) checks {@code this} on entry, so calls are checked wherever they come from. The stack is left as it
 * was, so frames need no change.
 */
final class AccessCheckRewriter extends MethodVisitor {

    private static final Handle BOOTSTRAP = new Handle(Opcodes.H_INVOKESTATIC, Type.getInternalName(DebugSites.class),
            "check", MethodType.methodType(CallSite.class, MethodHandles.Lookup.class, String.class,
                    MethodType.class, String.class, String.class).toMethodDescriptorString(), false);

    private final Map<String, String> cacheByOwner;
    private final String selfCache;
    private final String self;
    private final String call;

    /**
     * @param cacheByOwner debugged cache by internal name of its class, for the field accesses of this method
     * @param selfCache    the debugged cache of the class declaring this method, if it is an instance method of a
     *                     debugged class other than a constructor; else {@code null}
     * @param owner        internal name of the class declaring this method
     * @param method       the method's name and descriptor, for the call check's description
     */
    AccessCheckRewriter(MethodVisitor next, Map<String, String> cacheByOwner, String selfCache, String owner,
                        String method) {
        super(Opcodes.ASM9, next);
        this.cacheByOwner = cacheByOwner;
        this.selfCache = selfCache;
        this.self = owner;
        this.call = "call of " + owner.replace('/', '.') + "." + method;
    }

    @Override
    public void visitCode() {
        super.visitCode();
        if (selfCache != null) {
            super.visitVarInsn(Opcodes.ALOAD, 0);
            check(self, selfCache, call);
        }
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String desc) {
        String cache = cacheByOwner.get(owner);
        if (cache != null && opcode == Opcodes.GETFIELD) {
            super.visitInsn(Opcodes.DUP);
            check(owner, cache, "read of " + field(owner, name));
        } else if (cache != null && opcode == Opcodes.PUTFIELD) {
            if (Type.getType(desc).getSize() == 2) {
                super.visitInsn(Opcodes.DUP2_X1);
                super.visitInsn(Opcodes.POP2);
                super.visitInsn(Opcodes.DUP_X2);
            } else {
                super.visitInsn(Opcodes.DUP2);
                super.visitInsn(Opcodes.POP);
            }
            check(owner, cache, "write of " + field(owner, name));
        }
        super.visitFieldInsn(opcode, owner, name, desc);
    }

    private void check(String owner, String cache, String access) {
        super.visitInvokeDynamicInsn("check", Type.getMethodDescriptor(Type.VOID_TYPE, Type.getObjectType(owner)),
                BOOTSTRAP, cache, access);
    }

    private static String field(String owner, String name) {
        return owner.replace('/', '.') + "." + name;
    }
}
