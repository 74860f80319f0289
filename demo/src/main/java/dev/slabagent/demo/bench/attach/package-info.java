/**
 * The attach benchmark: {@link dev.slabagent.demo.bench.attach.AttachBench} times {@code slab-agent.jar attach} on a
 * running jbd-target workload ({@link dev.slabagent.demo.bench.attach.AttachBenchHost}), run by
 * {@code scripts/attach-bench.sh}.
 */
package dev.slabagent.demo.bench.attach;
