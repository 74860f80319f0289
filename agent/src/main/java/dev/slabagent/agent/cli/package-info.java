/**
 * The command-line tool ({@code java -jar slab-agent.jar COMMAND}), built on picocli (relocated in the jar):
 * {@code attach PID CONFIG}, {@code detach PID}, {@code enable PID NAME}, {@code disable PID NAME},
 * {@code slabinfo PID}.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>Another JVM is reached only through the Attach API and its local management agent: no network port, no
 *       password; only JVMs the Attach API lists are attached to (anything else would receive a SIGQUIT).</li>
 *   <li>{@code attach} loads the jar the tool runs from and reads back what the agent did through its MBean
 *       ({@code slab.agent:type=Agent}); the other commands only call the agent's and the caches' MBeans.</li>
 *   <li>Every failure the user can cause (bad PID, a process that is not an attachable JVM, a JVM without the
 *       agent, a bad config, an unknown cache, a usage mistake) is one line on stderr and exit code 2;
 *       {@code --help} works on every command.</li>
 * </ul>
 */
package dev.slabagent.agent.cli;
