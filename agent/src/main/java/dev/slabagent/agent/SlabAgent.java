package dev.slabagent.agent;

import dev.slabagent.agent.config.AgentConfig;
import dev.slabagent.agent.config.ConfigParser;
import dev.slabagent.runtime.management.SlabMonitoring;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.util.List;

/**
 * The agent's entry points: {@code -javaagent:slab-agent.jar=CONFIG} (premain) and a dynamic attach
 * (agentmain) share one setup; {@code -javaagent:slab-agent.jar=measure} only writes the {@link RunReport}.
 * Neither ever throws: every problem is one line on stderr / SLF4J and the program runs on, unmodified where the
 * problem was.
 */
public final class SlabAgent {

    private SlabAgent() {
    }

    /** Load-time entry point; {@code args} is the path of the config file ({@link AgentArgs}). */
    public static void premain(String args, Instrumentation inst) {
        start(args, inst, true);
    }

    /**
     * Attach entry point; {@code args} is the path of the config file and, from the CLI, the outcome file
     * ({@link AgentArgs}).
     */
    public static void agentmain(String args, Instrumentation inst) {
        start(args, inst, false);
    }

    /**
     * @param atStartup whether {@code main} is waiting: then the config is installed, and the MBeans and the JFR
     *                  event registered, on a daemon thread, off the path to {@code main}; an attach installs and
     *                  registers the MBeans before it returns (the CLI's next command asks them), hands the outcome
     *                  to the {@code attach} command in the file it named, and adds the JFR event on a daemon thread
     *                  (registering the event's class costs some 0.3 s cold, which the first hit need not wait for)
     */
    private static void start(String argString, Instrumentation inst, boolean atStartup) {
        RunReport.register();
        if (RunReport.MEASURE_ONLY.equals(argString)) {
            return;
        }
        AgentArgs args = AgentArgs.parse(argString);
        long start = System.nanoTime();
        AgentInstaller installer;
        try {
            installer = AgentInstaller.in(inst);
        } catch (Throwable e) {
            tell(args, new AttachOutcome(List.of(), List.of(notStarted(e))));
            return;
        }
        SlabMonitoring monitoring = installer.monitoring();
        try {
            AgentConfig config = ConfigParser.fromAgentArgs(args.config());
            installer.onAdded(added -> {
                publishStatus(monitoring, added, "caches added for a class loader");
                monitoring.updated(added.summary(), added.problems());
            });
            if (atStartup) {
                installer.installInBackground(config, installed -> {
                    published(installer, start);
                    monitoring.install();
                }, SlabAgent::notStarted);
            } else {
                installer.install(config);
                Installation now = published(installer, start);
                tell(args, new AttachOutcome(now.summary(), now.problems()));
                monitoring.registerMBeans();
                AgentInstaller.daemon("slab-agent-jfr", monitoring::addEvent);
            }
        } catch (Throwable e) {
            String line = notStarted(e);
            tell(args, new AttachOutcome(List.of(), List.of(line)));
            reportFailure(monitoring, line);
        }
    }

    /**
     * Hands {@code outcome} to the {@code attach} command in the file it named, if it named one. If the file cannot
     * be written (another file system, say) the command reads the outcome from the agent's MBean instead.
     */
    private static void tell(AgentArgs args, AttachOutcome outcome) {
        if (args.outcome() == null) {
            return;
        }
        try {
            outcome.writeTo(args.outcome());
        } catch (IOException | RuntimeException e) {
            // the command finds the file without the outcome and asks the MBean
        }
    }

    /** Prints, and returns, the one line saying the agent did not start because of {@code e}. */
    private static String notStarted(Throwable e) {
        String line = "slab-agent: not started (" + e + "); the program runs without slab caches";
        System.err.println(line);
        return line;
    }

    /**
     * Hands the outcome of an install begun at {@code start} (nanoTime) to the MBeans, and returns it: the installed
     * config as it is now, which caches added for a class loader since the install returned may have changed.
     */
    private static Installation published(AgentInstaller installer, long start) {
        Installation now = installer.current();
        publishStatus(installer.monitoring(), now, "installed in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        installer.monitoring().installed(now.summary(), now.problems());
        return now;
    }

    private static void publishStatus(SlabMonitoring monitoring, Installation installed, String when) {
        monitoring.status("caches on: " + String.join(",", installed.activated()) + "; problems: "
                + installed.problems().size() + "; " + when);
    }

    /** Tells a CLI waiting on the attach why nothing was installed ({@code agentmain} must not throw). */
    private static void reportFailure(SlabMonitoring monitoring, String line) {
        try {
            monitoring.install();
            monitoring.status(line);
            monitoring.installed(List.of(), List.of(line));
        } catch (Throwable e) {
            // JMX itself is broken: the line on stderr is all that can be done
        }
    }
}
