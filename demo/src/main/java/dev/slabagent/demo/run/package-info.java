/**
 * Runs jbd-target workloads in child JVMs, with or without the agent, and parses their output: jbd-target's result
 * line, the probe's allocation lines and the agent's slabinfo table.
 */
package dev.slabagent.demo.run;
