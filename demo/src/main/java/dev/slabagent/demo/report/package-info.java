/**
 * Turns the suite's JMH JSON into the A/B report: a Markdown table with each configuration's ratio to the
 * no-agent baseline (with a confidence interval from JMH's score errors), bytes allocated per operation
 * and GC counts from {@code -prof gc}, and a PNG chart of the ratios drawn with XChart.
 */
package dev.slabagent.demo.report;
