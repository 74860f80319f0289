/** The start-up benchmark: JVM start to {@code main} with and without {@code -javaagent}. */
package dev.slabagent.demo.bench.startup;
