/**
 * The agent's config: {@link dev.slabagent.agent.config.ConfigParser} turns the properties file into an
 * {@link dev.slabagent.agent.config.AgentConfig} of {@link dev.slabagent.agent.config.CacheSpec}s.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>Parsing never throws and never prints: every problem is one line in {@code AgentConfig.errors()}, of the form
 *       {@code slab-agent: config: KEY: PROBLEM}; the caller logs them.</li>
 *   <li>A problem in any {@code slab.NAME.*} key drops cache {@code NAME} only; a problem in a global key
 *       ({@code sites}, {@code report}, {@code debug}) keeps its default or its valid entries.</li>
 *   <li>Only syntax is checked here. Whether classes, methods and fields exist, and whether a constructor can be
 *       re-run, is checked by the transform with the classes at hand, also one line per problem.</li>
 * </ul>
 */
package dev.slabagent.agent.config;
