package dev.slabagent.runtime.alloc;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles.Lookup;
import java.lang.invoke.MethodType;

/** The allocation side of one cache: what a rewritten site's {@code invokedynamic} is linked to. */
public interface SiteBinding {

    /**
     * The target of one rewritten site.
     *
     * @param caller   the class containing the site
     * @param type     the site's type: {@code (constructor arguments)T} or, for an array cache, {@code (int)T[]}
     * @param plainNew what the original code did ({@code new T(args)} or {@code new T[length]}), same type
     */
    MethodHandle siteTarget(Lookup caller, MethodType type, MethodHandle plainNew) throws ReflectiveOperationException;
}
