/**
 * The agent's entry points and its installation: {@link dev.slabagent.agent.SlabAgent} (premain and agentmain share
 * one setup) and {@link dev.slabagent.agent.AgentInstaller}, the JVM's one installation, which installs a config,
 * switches caches on and off, and uninstalls, always through the first {@code Instrumentation} it was given.
 *
 * <p>Rules: nothing here throws into the host program; every problem is one line (SLF4J, stderr) and the
 * caches concerned are left out. Switching a cache off or on relinks its sites and release point, and redefines no
 * class; uninstalling is "remove the transformer, retransform what it changed", which restores the original bytecode
 * of every class it rewrote.
 */
package dev.slabagent.agent;
