/**
 * The {@code ab} command's engine: runs a user's command once per strategy per round in a shuffled order, with
 * the agent reaching its JVMs through {@code JAVA_TOOL_OPTIONS}, reads each run's metric and the agent's
 * {@link dev.slabagent.agent.RunReport}, compares every strategy with the agent-less baseline
 * ({@link dev.slabagent.stats.Comparison}) and writes the table, {@code results.json}, {@code report.md} and
 * {@code chart.png}.
 */
package dev.slabagent.ab;
