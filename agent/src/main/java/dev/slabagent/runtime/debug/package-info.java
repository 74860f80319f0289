/**
 * Slab debugging, the agent's SLUB_DEBUG with user tracking: {@link dev.slabagent.runtime.debug.SlabDebug} per
 * debugged cache finds double frees, uses after free (through the checks {@link dev.slabagent.runtime.debug.DebugSites}
 * links) and leaks, and poisons released objects ({@link dev.slabagent.runtime.debug.Poison}).
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>With {@code debug=off} nothing of this is in the bytecode: the transform adds the access checks only
 *       while a cache is debugged.</li>
 *   <li>A found bug never changes what the host program sees except in {@code fail} mode, which throws an
 *       {@code IllegalStateException} at the faulty call; a double free is never put into the cache twice.</li>
 *   <li>Objects are followed by identity and weakly ({@link dev.slabagent.runtime.debug.TrackedObjects}): tracking
 *       keeps nothing alive, and an object collected while handed out is a leak.</li>
 *   <li>Reports go through SLF4J at WARN, bounded per kind and cache ({@link dev.slabagent.runtime.debug.BugLog});
 *       the counts ({@link dev.slabagent.runtime.debug.DebugCounts}) are always complete.</li>
 *   <li>Like the rest of {@code dev.slabagent.runtime}, this package depends on the JDK and SLF4J only.</li>
 * </ul>
 */
package dev.slabagent.runtime.debug;
