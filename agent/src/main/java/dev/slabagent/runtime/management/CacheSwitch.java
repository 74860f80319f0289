package dev.slabagent.runtime.management;

import dev.slabagent.runtime.debug.DebugMode;

/**
 * Switches a cache's rewriting on and off at run time: implemented by the agent's installer (which owns the
 * transformer and the {@code Instrumentation}), called by the cache MBeans' {@code enable}/{@code disable}
 * operations, hence by JMX clients and the CLI.
 */
public interface CacheSwitch {

    /**
     * Switches cache {@code name} on (its classes rewritten again).
     *
     * @return one status line for the user, e.g. {@code journal_handle: enabled (3 classes retransformed)}
     * @throws IllegalStateException with a one-line message if the cache cannot be switched on
     */
    String enable(String name);

    /**
     * Switches cache {@code name} off: original bytecode restored, free objects dropped, objects still out left
     * to the GC.
     *
     * @return one status line for the user
     * @throws IllegalStateException with a one-line message if the cache cannot be switched off
     */
    String disable(String name);

    /** Whether cache {@code name} is switched on. */
    boolean isEnabled(String name);

    /**
     * Sets the slab debugging of cache {@code name}; its classes get or lose the use-after-free checks.
     *
     * @return one status line for the user, e.g. {@code journal_handle: debug on (3 classes retransformed)}
     * @throws IllegalStateException with a one-line message if it cannot be done
     */
    String debug(String name, DebugMode mode);

    /**
     * Switches every cache off and forgets the installed config (the agent MBean's {@code detach}).
     *
     * @return one status line for the user, e.g. {@code detached: journal_handle off, 2 classes restored}
     */
    String detach();
}
