package dev.slabagent.runtime.management;

/**
 * The agent itself as JMX shows it ({@code slab.agent:type=Agent}); its presence is how the CLI knows the agent is
 * loaded in a JVM.
 */
public interface AgentMXBean {

    /** The agent's last status line (e.g. what start-up or the last attach did, or why it failed). */
    String getStatus();

    /** The slabinfo table of every cache, as {@code report=exit} prints it. */
    String getSlabinfo();
}
