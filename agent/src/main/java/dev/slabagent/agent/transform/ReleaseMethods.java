package dev.slabagent.agent.transform;

import dev.slabagent.agent.config.ReleasePoint;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDescription;

/**
 * The methods a release point applies to: every overload of the named method in the owner that is
 * concrete and can receive the cached object at the configured position (the argument's type is a
 * supertype of the cached class, or for {@code :this} the method is an instance method).
 */
final class ReleaseMethods {

    private ReleaseMethods() {
    }

    /** The overloads of {@code point.method()} in {@code owner} (a release point must name at least one). */
    static MethodList<MethodDescription.InDefinedShape> named(TypeDescription owner, ReleasePoint point) {
        return owner.getDeclaredMethods().filter(m -> m.isMethod() && m.getName().equals(point.method()));
    }

    /** The overloads that can release an object of {@code cached}. */
    static MethodList<MethodDescription.InDefinedShape> applicable(TypeDescription owner, ReleasePoint point,
                                                                   TypeDescription cached) {
        return named(owner, point).filter(m -> !m.isAbstract() && !m.isNative() && accepts(m, point, cached));
    }

    private static boolean accepts(MethodDescription m, ReleasePoint point, TypeDescription cached) {
        if (point.releasesThis()) {
            return !m.isStatic();
        }
        if (point.argIndex() >= m.getParameters().size()) {
            return false;
        }
        TypeDescription parameter = m.getParameters().get(point.argIndex()).getType().asErasure();
        return !parameter.isPrimitive() && cached.isAssignableTo(parameter);
    }
}
