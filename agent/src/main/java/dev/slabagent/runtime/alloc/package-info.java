/**
 * What rewritten application code calls at run time: the {@code invokedynamic} bootstrap of rewritten
 * {@code new T(..)} sites ({@link dev.slabagent.runtime.alloc.SlabSites}) and the release call inserted at
 * the configured release points ({@link dev.slabagent.runtime.alloc.Release}).
 *
 * <p>Rules: this package is loaded by the system class loader (the agent jar is on the class path) and
 * depends only on the JDK and {@code dev.slabagent.runtime}, never on ByteBuddy or ASM. The agent hands it
 * everything it needs ahead of time ({@link dev.slabagent.runtime.alloc.AllocBinding},
 * {@link dev.slabagent.runtime.alloc.ReleaseBinding}); nothing here generates bytecode.
 */
package dev.slabagent.runtime.alloc;
