package dev.slabagent.agent.transform;

import dev.slabagent.agent.config.ReleasePoint;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The methods a release point applies to: every overload of the named method in the owner that is
 * concrete and can receive the cached object at the configured position (the argument's type is a
 * supertype of the cached class, or for {@code :this} the method is an instance method).
 */
final class ReleaseMethods {

    private ReleaseMethods() {
    }

    /** The overloads of {@code point.method()} in {@code owner} (a release point must name at least one). */
    static List<MethodNode> named(ClassNode owner, ReleasePoint point) {
        return owner.methods.stream().filter(m -> m.name.equals(point.method()) && !m.name.startsWith("<")).toList();
    }

    /** The overloads that can release an object of type {@code cached} (a field descriptor). */
    static List<MethodNode> applicable(ClassNode owner, ReleasePoint point, String cached, ClassFiles classes) {
        return named(owner, point).stream()
                .filter(m -> (m.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) == 0 && accepts(m, point, cached, classes))
                .toList();
    }

    private static boolean accepts(MethodNode m, ReleasePoint point, String cached, ClassFiles classes) {
        if (point.releasesThis()) {
            return (m.access & Opcodes.ACC_STATIC) == 0;
        }
        Type[] parameters = Type.getArgumentTypes(m.desc);
        if (point.argIndex() >= parameters.length) {
            return false;
        }
        Type parameter = parameters[point.argIndex()];
        return parameter.getSort() >= Type.ARRAY && classes.isAssignable(cached, parameter.getDescriptor());
    }
}
