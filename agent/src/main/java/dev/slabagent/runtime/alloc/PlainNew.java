package dev.slabagent.runtime.alloc;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles.Lookup;
import java.lang.invoke.MethodType;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.objectweb.asm.commons.Method;

/**
 * What a rewritten site did before it was rewritten, {@code new T(args)}, as a handle: a static method of a hidden
 * nestmate of the site's class whose body is that {@code new} in bytecode. A constructor handle
 * ({@code Lookup.findConstructor}) allocates through {@code Unsafe.allocateInstance} instead, which C2 guards, on
 * JDK 25 with an agent loaded, by a load and test of JVMTI's allocation-event flag on every allocation, even one
 * escape analysis removed: a switched-off site then cost a non-escaping {@code new} 1.16 times what it cost without
 * the agent. The bytecode {@code new} compiles as the original did.
 */
final class PlainNew {

    /** The factory method's name. */
    private static final String MAKE = "make";

    private PlainNew() {
    }

    /**
     * {@code (args)T} constructing as {@code new T(args)} in {@code caller}: the bytecode factory, or the
     * constructor handle where {@code caller} cannot define a nestmate (no full privilege access) or the definition
     * fails. Access to the constructor is checked as for the constructor handle, which this makes first.
     *
     * @param caller the site's class, as its bootstrap method gets it
     * @param type   {@code (constructor arguments)T}
     */
    static MethodHandle of(Lookup caller, MethodType type) throws ReflectiveOperationException {
        MethodHandle constructor = caller.findConstructor(type.returnType(), type.changeReturnType(void.class));
        if (!caller.hasFullPrivilegeAccess()) {
            return constructor;
        }
        try {
            Lookup factory = caller.defineHiddenClass(classFile(caller.lookupClass(), type), true,
                    Lookup.ClassOption.NESTMATE);
            return factory.findStatic(factory.lookupClass(), MAKE, type);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return constructor;
        }
    }

    /** A class in {@code site}'s package with {@code public static T make(args) { return new T(args); }}. */
    private static byte[] classFile(Class<?> site, MethodType type) {
        String pkg = site.getPackageName().replace('.', '/');
        String name = (pkg.isEmpty() ? "" : pkg + "/") + "SlabPlainNew";
        Type t = Type.getType(type.returnType());
        String descriptor = type.toMethodDescriptorString();
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V11, Opcodes.ACC_FINAL | Opcodes.ACC_SUPER | Opcodes.ACC_SYNTHETIC, name, null,
                "java/lang/Object", null);
        GeneratorAdapter make = new GeneratorAdapter(cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, MAKE,
                descriptor, null, null), Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, MAKE, descriptor);
        make.visitCode();
        make.newInstance(t);
        make.dup();
        make.loadArgs();
        make.invokeConstructor(t, new Method("<init>", Type.VOID_TYPE, make.getArgumentTypes()));
        make.returnValue();
        make.endMethod();
        cw.visitEnd();
        return cw.toByteArray();
    }
}
