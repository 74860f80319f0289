/**
 * Benchmark classes compiled as Java 8 class files ({@code --release 8}): the release code the agent inserts into
 * them takes its handle from an {@code invokedynamic} call site instead of a dynamic constant.
 */
package dev.slabagent.demo.bench.java8;
