/**
 * Slab caches for the JVM: the runtime that rewritten application code calls into.
 *
 * <h2>Who may call what</h2>
 * Rewritten code calls only {@link dev.slabagent.runtime.SlabCache#allocate()} and
 * {@link dev.slabagent.runtime.SlabCache#free(Object)} on a cache it looked up once (e.g. at link time) with
 * {@link dev.slabagent.runtime.SlabRegistry#get(String)}; neither method throws, blocks on I/O or allocates on
 * its fast path. Everything else ({@code create}, {@code drain}, {@code stats}, the registry's changes) is for the
 * agent, the CLI and monitoring. This package depends on the JDK and SLF4J only (never on ByteBuddy or
 * {@code dev.slabagent.agent}): it is loaded by the system class loader, where every rewritten class can see it.
 *
 * <h2>Guarantees of every {@link dev.slabagent.runtime.Strategy strategy}</h2>
 * <ul>
 *   <li><b>One owner.</b> An object handed out by {@code allocate} is handed to no one else until it is given to
 *       {@code free} again, whatever threads allocate and free it (the hand-over between threads is ordered by a
 *       lock, so the new owner sees every write of the old one).</li>
 *   <li><b>Capacity.</b> A cache never holds more than {@code capacity()} free objects, counting every object in
 *       every thread's magazines and in the depot; an object freed beyond that is left to the GC.</li>
 *   <li><b>Counters.</b> {@code hits + misses = allocs}; {@code active_objs = max(0, allocs - frees)};
 *       {@code num_objs = active_objs + free objects held}. A free of an object the cache did not hand out
 *       (e.g. created before the agent was attached) is counted too, hence the floor at 0.</li>
 *   <li><b>Drain.</b> After {@code drain()} no free object held before it is handed out again; counters are kept.</li>
 * </ul>
 *
 * <h2>The strategies</h2>
 * {@code NEW} keeps nothing (its counters are {@link java.util.concurrent.atomic.LongAdder}s). {@code LOCKED} is one
 * LIFO free list with plain counters under one lock. {@code MAGAZINE} is Bonwick's magazine layer: each thread owns
 * a loaded and a previous magazine and plain counters (stored and read with opaque access, summed by
 * {@code stats()}), a depot under a lock holds full and empty magazines, and the capacity is a pool of credits
 * taken and returned a magazine at a time. A drained magazine cache replaces its depot; a thread drops its stale
 * magazines on its next call, so up to two magazines of objects per idle thread stay reachable until then (or
 * until the thread ends), without ever being handed out again.
 *
 * <h2>Naming</h2>
 * Methods that only the owner thread of a per-thread structure may call say so in their first line
 * ("Owner thread only"); every other package-private method is safe from any thread or says which lock it needs.
 */
package dev.slabagent.runtime;
