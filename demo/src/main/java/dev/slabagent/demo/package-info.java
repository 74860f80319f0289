/**
 * The demo of the 2003 JBD journal_handle slab patch as a bytecode transform: {@link Demo}, and where
 * the project's built pieces are ({@link ProjectLayout}). Sub-packages: {@code show} prints the patch and the
 * bytecode before and after the rewrite, {@code run} starts jbd-target workloads in child JVMs and parses what they
 * print, {@code probe} is the main class run inside those JVMs, {@code compare} turns both sides' figures into
 * tables, a verdict and the {@code summary:} line.
 */
package dev.slabagent.demo;
