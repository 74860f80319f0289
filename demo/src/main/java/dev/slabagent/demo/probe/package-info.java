/**
 * The main class of the demo's child JVMs: runs jbd-target's command line in-process after a warm-up and prints
 * per-thread allocation and GC figures. Runs in the child, so it depends on nothing but the JDK and jbd-target.
 */
package dev.slabagent.demo.probe;
