/**
 * The bytecode transform: which classes are touched ({@link dev.slabagent.agent.transform.ClassFilter},
 * a constant-pool pre-scan), the semantic checks of each cache ({@link dev.slabagent.agent.transform.CacheValidator}),
 * the rewriting of {@code new T(..)} sites into {@code invokedynamic} allocations
 * ({@link dev.slabagent.agent.transform.NewSiteRewriter}) and the release call at every exit of a release
 * method ({@link dev.slabagent.agent.transform.ReleaseExits}), applied in one ASM pass by
 * {@link dev.slabagent.agent.transform.SlabTransformer}.
 *
 * <p>Rules: no class changes shape (no added fields or methods, same modifiers), so the same transform
 * works at load time and when retransforming loaded classes; a class whose transform fails is returned
 * unchanged; the JDK's and the agent's own classes are never touched.
 */
package dev.slabagent.agent.transform;
