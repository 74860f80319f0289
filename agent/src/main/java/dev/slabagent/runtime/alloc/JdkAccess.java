package dev.slabagent.runtime.alloc;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;

/**
 * Reaches the private fields of JDK superclasses of pooled classes ({@code java.io.Reader}'s {@code skipBuffer}),
 * which the reinit must reset as a constructor would, and {@code Thread.currentCarrierThread()} for the caches' CPU
 * layer ({@link dev.slabagent.runtime.Carriers}). The JDK does not open its packages to application code, so
 * the agent opens each such package, with {@link Instrumentation#redefineModule}, to one module only: the unnamed
 * module of a class loader made here that holds nothing but {@link AccessOpener}. No other code can name that
 * module, so the host program's own reflection sees the JDK exactly as before (unlike {@code --add-opens}, which
 * would open the package to the whole class path); the agent uses the access only for handles on fields of the
 * superclasses of the class it re-initialises, for the verifier's reading of those fields ({@link MemberAccess}), and
 * on that one method. (Code that looks for the opener's class by
 * reflection can reach it: the access is hidden, not locked.)
 */
final class JdkAccess {

    private static Method opener;

    private JdkAccess() {
    }

    /** Suppresses access checks on {@code member} of {@code declaring}, a class in a named module. */
    static synchronized void open(AccessibleObject member, Class<?> declaring) throws ReflectiveOperationException {
        Method open = opener();
        Module module = declaring.getModule();
        String pkg = declaring.getPackageName();
        Module openerModule = open.getDeclaringClass().getModule();
        if (!module.isOpen(pkg, openerModule)) {
            Instrumentation inst = Linkage.published().instrumentation();
            if (inst == null) {
                throw new IllegalAccessException("cannot open " + pkg + " without the agent's Instrumentation");
            }
            inst.redefineModule(module, Set.of(), Map.of(), Map.of(pkg, Set.of(openerModule)), Set.of(), Map.of());
        }
        try {
            open.invoke(null, member);
        } catch (InvocationTargetException e) {
            throw new IllegalAccessException("cannot open " + member + ": " + e.getCause());
        }
    }

    /**
     * {@code Thread.currentCarrierThread()} as a {@code ()Thread} handle: the carrier of a virtual thread, or the
     * calling thread itself (JDK 21 and later; {@link NoSuchMethodException} before). The method is package-private in
     * {@code java.lang}, which is opened for it to the opener's module only.
     */
    static MethodHandle currentCarrierThread() throws ReflectiveOperationException {
        Method carrier = Thread.class.getDeclaredMethod("currentCarrierThread");
        open(carrier, Thread.class);
        return MethodHandles.lookup().unreflect(carrier);
    }

    private static Method opener() throws ReflectiveOperationException {
        if (opener == null) {
            byte[] classFile;
            try (InputStream in = JdkAccess.class.getResourceAsStream(AccessOpener.class.getSimpleName() + ".class")) {
                if (in == null) {
                    throw new ClassNotFoundException(AccessOpener.class.getName() + " has no class file");
                }
                classFile = in.readAllBytes();
            } catch (IOException e) {
                throw new ClassNotFoundException(AccessOpener.class.getName(), e);
            }
            Class<?> alone = new OpenerLoader().define(classFile);
            opener = alone.getMethod("open", AccessibleObject.class);
        }
        return opener;
    }

    /** The class loader of the opener's module: defines that one class, delegating the JDK's to the boot loader. */
    private static final class OpenerLoader extends ClassLoader {
        OpenerLoader() {
            super("slab-agent-jdk-access", null);
        }

        Class<?> define(byte[] classFile) {
            return defineClass(AccessOpener.class.getName(), classFile, 0, classFile.length);
        }
    }
}
