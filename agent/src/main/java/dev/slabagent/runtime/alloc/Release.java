package dev.slabagent.runtime.alloc;

import java.util.Arrays;

/**
 * The call inserted at every exit (normal or exceptional) of a configured release method:
 * {@code Release.free(id, object)} returns the object to its cache if it is exactly the cache's class and
 * the cache's guard holds. Ids are handed out by {@link #register} and never reused.
 */
public final class Release {

    private static volatile ReleaseBinding[] table = new ReleaseBinding[0];

    private Release() {
    }

    /** Makes {@code binding} reachable under a new id, which the agent binds into the release advice. */
    public static synchronized int register(ReleaseBinding binding) {
        ReleaseBinding[] grown = Arrays.copyOf(table, table.length + 1);
        grown[table.length] = binding;
        table = grown;
        return table.length - 1;
    }

    /** Switches release point {@code id} off: later calls with it free nothing. */
    public static synchronized void unregister(int id) {
        ReleaseBinding[] copy = table.clone();
        copy[id] = null;
        table = copy;
    }

    /** Frees {@code released} into the cache of release point {@code id} if its class and guard match. */
    public static void free(int id, Object released) {
        ReleaseBinding[] bindings = table;
        if (released != null && id < bindings.length) {
            ReleaseBinding binding = bindings[id];
            if (binding != null) {
                binding.release(released);
            }
        }
    }
}
