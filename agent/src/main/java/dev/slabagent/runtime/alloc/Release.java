package dev.slabagent.runtime.alloc;

import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;

/**
 * The release points of an installation ({@link Linkage#releases()}) by id, and the bootstraps of the code inserted
 * at every exit (normal or exceptional) of a configured release method, which link against the published linkage's.
 * That code calls a {@code (Object)void} method handle that returns the object to its cache if it is exactly the
 * cache's class and the cache's guard holds. In class files of Java 11 and later the handle is a dynamic constant
 * ({@link #releaser(MethodHandles.Lookup, String, Class, int)}), so the JIT inlines the class check, the
 * guard and the free. Class files of Java 7 to 10 get the same handle from a constant {@code invokedynamic} call
 * site ({@link #releaserSite}), which the JIT inlines alike; only class files older than Java 7 fetch it by id on
 * every release ({@link #releaserOf}). Ids are handed out by {@link #register}, which reuses those freed.
 */
public final class Release {

    private static final MethodHandle NOTHING = MethodHandles.empty(MethodType.methodType(void.class, Object.class));
    private volatile ReleaseBinding[] table = new ReleaseBinding[0];

    Release() {
    }

    /**
     * Makes {@code binding} reachable under an id, which the agent binds into the release code: the lowest id
     * {@link #unregister} freed, or a new one, so that the table grows only with the caches installed at once.
     */
    public synchronized int register(ReleaseBinding binding) {
        int id = Arrays.asList(table).indexOf(null);
        ReleaseBinding[] next = id < 0 ? Arrays.copyOf(table, table.length + 1) : table.clone();
        id = id < 0 ? table.length : id;
        next[id] = binding;
        table = next;
        return id;
    }

    /** How many ids the table holds, in use or free. */
    public int tableSize() {
        return table.length;
    }

    /** Switches release point {@code id} on or off (off: its handles free nothing until it is switched on). */
    public synchronized void enable(int id, boolean on) {
        table[id].active(on);
    }

    /** Switches release point {@code id} off for good: its handles free nothing from now on. */
    public synchronized void unregister(int id) {
        table[id].retire();
        ReleaseBinding[] copy = table.clone();
        copy[id] = null;
        table = copy;
    }

    /**
     * Bootstrap of the dynamic constant holding release point {@code id}'s handle, resolved once per
     * release method: class check, guard and free composed for the cached class as the caller's loader sees it.
     */
    public static MethodHandle releaser(MethodHandles.Lookup caller, String name, Class<?> type, int id) {
        ReleaseBinding binding = binding(id);
        return binding == null ? NOTHING : binding.constantHandle(caller.lookupClass().getClassLoader());
    }

    /**
     * Bootstrap of the {@code invokedynamic} call site, of type {@code ()MethodHandle}, that yields release point
     * {@code id}'s handle in class files without dynamic constants (Java 7 to 10): the same handle as
     * {@link #releaser}, bound once per release method, so the JIT sees it as a constant.
     */
    public static CallSite releaserSite(MethodHandles.Lookup caller, String name, MethodType type, int id) {
        return new ConstantCallSite(MethodHandles.constant(MethodHandle.class, releaser(caller, name, MethodHandle.class, id)));
    }

    /** Release point {@code id}'s handle for class files without {@code invokedynamic} (looked up per call). */
    public static MethodHandle releaserOf(int id) {
        ReleaseBinding binding = binding(id);
        return binding == null ? NOTHING : binding.dynamicHandle();
    }

    private static ReleaseBinding binding(int id) {
        ReleaseBinding[] bindings = Linkage.published().releases().table;
        return id < bindings.length ? bindings[id] : null;
    }
}
