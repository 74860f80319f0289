/**
 * The A/B statistics shared by the {@code ab} command and the JMH suite's report: the ratio of two samples'
 * medians with a 95% bootstrap interval, a Mann-Whitney U p-value, and a verdict that says {@code ~} unless both
 * agree that the difference is real. Nothing here is loaded by the agent in a host JVM.
 */
package dev.slabagent.stats;
