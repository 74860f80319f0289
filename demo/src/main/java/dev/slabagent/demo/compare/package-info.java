/**
 * Turns repeated runs without and with the agent into medians, tables, a verdict that treats differences within
 * the runs' own range as ties, and the machine-readable {@code summary:} line.
 */
package dev.slabagent.demo.compare;
