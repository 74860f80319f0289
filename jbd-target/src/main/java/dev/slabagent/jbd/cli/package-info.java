/**
 * jbd-target's command line ({@code java -jar jbd-target.jar COMMAND}), built on picocli:
 * {@link dev.slabagent.jbd.cli.WorkloadCommand workload} (the reproducible workload the agent is measured on),
 * {@link dev.slabagent.jbd.cli.RecoverCommand recover} and {@link dev.slabagent.jbd.cli.Ext3Command ext3}.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>stdout carries only the command's result, one {@code key=value} line (or one line per replayed
 *       transaction), so scripts and tests can parse it; the library's log goes through SLF4J, unbound by default.</li>
 *   <li>Bad arguments print the usage on stderr and exit 2; an error prints {@code error: ...} on stderr and exits
 *       1.</li>
 *   <li>Nothing depends on the clock: commits happen by count or at {@code --sync-every}, and the seed fixes the
 *       data and the journal's UUID, so the same arguments on one thread give byte-identical files.</li>
 * </ul>
 */
package dev.slabagent.jbd.cli;
