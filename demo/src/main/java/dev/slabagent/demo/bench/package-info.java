/**
 * The JMH benchmarks of the A/B suite ({@code scripts/bench.sh}; method and results in docs/benchmarks.md).
 * Each benchmark runs unchanged in every configuration: without the agent it measures plain {@code new}, with
 * {@code -javaagent:slab-agent.jar=demo/configs/bench/CONFIG.properties} the configured strategy.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>Benchmarks of rewritten sites ({@link dev.slabagent.demo.bench.HandleSiteBench},
 *       {@link dev.slabagent.demo.bench.NoEscapeBench}, {@link dev.slabagent.demo.bench.JournalWriteBench},
 *       {@link dev.slabagent.demo.bench.JournalCommitBench}) contain no agent code: the agent rewrites them, as it
 *       would a user's program. Benchmarks of the cache API ({@link dev.slabagent.demo.bench.CacheApiBench},
 *       {@link dev.slabagent.demo.bench.ArrayCacheBench}) call the runtime directly and need no agent.</li>
 *   <li>Every allocated object escapes (to a JMH {@code Blackhole} or a release point) unless escape is what is
 *       measured ({@link dev.slabagent.demo.bench.NoEscapeBench}).</li>
 *   <li>Each fork records whether it ran with the agent and what its caches did
 *       ({@link dev.slabagent.demo.bench.AgentProbe}), so a result proves which configuration it measured.</li>
 *   <li>Performance figures come from these benchmarks only, never from timed unit tests.</li>
 * </ul>
 * Sub-packages: {@code pooled} (the classes the agent pools in the benchmarks), {@code suite} (the runner and its
 * report), {@code attach} (the attach-time benchmark).
 */
package dev.slabagent.demo.bench;
