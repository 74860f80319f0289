/**
 * The classes the micro-benchmarks allocate, and the release points the bench agent configs name.
 *
 * <p>They are plain Java that knows nothing of the agent, like jbd-target: {@link
 * dev.slabagent.demo.bench.pooled.BenchHandle} has the shape of jbd's {@code Handle} (an {@code int ref}
 * and a {@code callbacks} list built in the constructor) and {@link
 * dev.slabagent.demo.bench.pooled.HandleSink#stop} releases it like {@code Transactions.stop}; {@link
 * dev.slabagent.demo.bench.pooled.Vec} is a small value whose {@code new} never escapes, released by
 * {@link dev.slabagent.demo.bench.pooled.VecSink#done}. The configs under {@code demo/configs/bench/} pool
 * them; without the agent every {@code new} here stays a plain allocation.
 */
package dev.slabagent.demo.bench.pooled;
