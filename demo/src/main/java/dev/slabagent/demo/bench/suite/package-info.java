/**
 * Runs the A/B suite: every benchmark of {@link dev.slabagent.demo.bench} in one forked JVM per
 * configuration (the baseline without any agent, then the agent with each config of
 * {@code demo/configs/bench/}), with {@code -prof gc} and the {@link dev.slabagent.demo.bench.AgentProbe},
 * and writes one JMH JSON file that {@link dev.slabagent.demo.report.BenchReport} turns into the report.
 *
 * <p>JMH forks inherit the host JVM's arguments unless {@code jvmArgs} replaces them, and options given to
 * the runner override {@code @Fork} instead of adding to it: so every run here sets the fork's complete
 * argument list itself, and the baseline's list has no {@code -javaagent}.
 */
package dev.slabagent.demo.bench.suite;
