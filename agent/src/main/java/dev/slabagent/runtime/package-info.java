/**
 * Slab caches for the JVM: the runtime that rewritten application code calls into.
 *
 * <h2>Who may call what</h2>
 * Rewritten code calls only {@link dev.slabagent.runtime.SlabCache#allocate()} and
 * {@link dev.slabagent.runtime.SlabCache#free(Object)} on a cache it looked up once (e.g. at link time) with
 * {@link dev.slabagent.runtime.SlabRegistry#get(String)}; neither method throws of its own (an error of the JVM's,
 * a stack overflow or an out-of-memory, passes through), blocks on I/O or allocates on its fast path. Everything
 * else ({@code create}, {@code drain}, {@code stats}, the registry's changes) is for the agent, the CLI and
 * monitoring. This package depends on the JDK and SLF4J only (never on ByteBuddy or
 * {@code dev.slabagent.agent}): it is loaded by the system class loader, where every rewritten class can see it.
 *
 * <h2>Guarantees of every {@link dev.slabagent.runtime.Strategy strategy}</h2>
 * <ul>
 *   <li><b>One owner.</b> An object handed out by {@code allocate} is handed to no one else until it is given to
 *       {@code free} again, whatever threads allocate and free it (the hand-over between threads is ordered by a
 *       lock, a compare-and-set and release store, or a thread's end, so the new owner sees every write of the old
 *       one; between virtual threads sharing their carrier's stripe, by the JDK's unmount and mount, as they take
 *       turns on the carrier, with the stripe's in-use mark as the guard should one ever be unmounted inside an
 *       operation).</li>
 *   <li><b>Capacity.</b> A cache never holds more than {@code capacity()} free objects, counting every object in
 *       every stripe of the CPU layer and in the depot, however many threads come and go; an object freed beyond
 *       that is left to the GC.</li>
 *   <li><b>Refused frees.</b> A free of the object that is already the last one freed into the cache (its LIFO list,
 *       or the magazine it went to) is refused and counted ({@code refusedFrees()}), never kept twice: a cheap
 *       double-free guard that is always on. It is not counted as a free.</li>
 *   <li><b>Never blocks.</b> {@code allocate} and {@code free} of the {@code new} and {@code magazine} strategies
 *       never block, park or yield (a virtual thread is never unmounted inside them); {@code locked} takes a
 *       monitor.</li>
 *   <li><b>Counters.</b> {@code hits + misses = allocs}; {@code active_objs = max(0, allocs - frees)};
 *       {@code num_objs = active_objs + free objects held}. A free of an object the cache did not hand out
 *       (e.g. created before the agent was attached) is counted too, hence the floor at 0.</li>
 *   <li><b>Drain.</b> After {@code drain()} no free object held before it is handed out again; counters are kept.</li>
 * </ul>
 *
 * <h2>The strategies</h2>
 * {@code NEW} keeps nothing (its counters are in leased stripes, as the magazine's). {@code LOCKED} is one
 * LIFO free list with plain counters under one lock. {@code MAGAZINE} is Bonwick's magazine layer with a CPU layer
 * that does not grow with threads: a fixed number of stripes (twice the processors), each a loaded and a previous
 * magazine and counters (the hit and free counts with plain stores, the rest with opaque ones, all read with opaque
 * loads and summed by {@code stats()}), leased by one thread
 * at a time (taken over from an ended thread, objects and credits included) or claimed per operation with one
 * compare-and-set; a depot behind a spin lock that is only tried, never waited for, holds full and empty magazines;
 * the capacity is a pool of credits taken and returned a magazine at a time. No thread-local state refers to a cache,
 * so a replaced cache becomes garbage once the registry and the rewritten code drop it. A drained magazine cache
 * replaces its depot and empties every stripe not in use; a stripe leased by a live thread drops its stale magazines
 * on the holder's next call, so up to two magazines of objects per such stripe stay reachable until then (or until
 * the holder ends), without ever being handed out again.
 *
 * <h2>Naming</h2>
 * Methods that only the thread holding a stripe (its lease or its claim) may call say so in their first line
 * ("Holder only"); every other package-private method is safe from any thread or says which lock it needs or which
 * thread its answer is exact for.
 */
package dev.slabagent.runtime;
