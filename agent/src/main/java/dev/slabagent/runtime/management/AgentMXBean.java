package dev.slabagent.runtime.management;

import java.util.List;

/**
 * The agent itself as JMX shows it ({@code slab.agent:type=Agent}); its presence is how the CLI knows the agent is
 * loaded in a JVM.
 */
public interface AgentMXBean {

    /** The agent's last status line (e.g. what start-up or the last attach did, or why it failed). */
    String getStatus();

    /** The slabinfo table of every cache, as {@code report=exit} prints it. */
    String getSlabinfo();

    /** How many configs were installed in this JVM (the {@code -javaagent} one and one per attach); 0 before any. */
    long getInstalls();

    /**
     * What the last install switched on, one line per cache:
     * {@code NAME: on (strategy S, N classes retransformed)}.
     */
    List<String> getActivated();

    /** The problems of the last install's config, one line each, as the agent logged them; empty if none. */
    List<String> getProblems();

    /**
     * Switches every cache off: the original bytecode of every rewritten class is restored, objects still out are
     * left to the GC. The caches' MBeans stay (their counters stop); a later attach installs a config again.
     *
     * @return one status line
     * @throws IllegalStateException with a one-line reason if there is no installer in this JVM
     */
    String detach();
}
