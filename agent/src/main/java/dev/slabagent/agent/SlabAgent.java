package dev.slabagent.agent;

import dev.slabagent.agent.config.AgentConfig;
import dev.slabagent.agent.config.ConfigParser;
import dev.slabagent.runtime.management.SlabMonitoring;
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

    /** Load-time entry point; {@code args} is the path of the config file. */
    public static void premain(String args, Instrumentation inst) {
        start(args, inst, true);
    }

    /** Attach entry point; {@code args} is the path of the config file. */
    public static void agentmain(String args, Instrumentation inst) {
        start(args, inst, false);
    }

    /**
     * @param atStartup whether {@code main} is waiting: then the config is installed, and the MBeans and the JFR
     *                  event registered, on a daemon thread, off the path to {@code main}; an attach does it all
     *                  before it returns, as the CLI reads the outcome from the MBeans
     */
    private static void start(String args, Instrumentation inst, boolean atStartup) {
        RunReport.register();
        if (RunReport.MEASURE_ONLY.equals(args)) {
            return;
        }
        long start = System.nanoTime();
        AgentInstaller installer;
        try {
            installer = AgentInstaller.in(inst);
        } catch (Throwable e) {
            notStarted(e);
            return;
        }
        SlabMonitoring monitoring = installer.monitoring();
        try {
            AgentConfig config = ConfigParser.fromAgentArgs(args);
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
                published(installer, start);
                monitoring.install();
            }
        } catch (Throwable e) {
            reportFailure(monitoring, notStarted(e));
        }
    }

    /** Prints, and returns, the one line saying the agent did not start because of {@code e}. */
    private static String notStarted(Throwable e) {
        String line = "slab-agent: not started (" + e + "); the program runs without slab caches";
        System.err.println(line);
        return line;
    }

    /**
     * Hands the outcome of an install begun at {@code start} (nanoTime) to the MBeans: the installed config as it is
     * now, which caches added for a class loader since the install returned may have changed.
     */
    private static void published(AgentInstaller installer, long start) {
        Installation now = installer.current();
        publishStatus(installer.monitoring(), now, "installed in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        installer.monitoring().installed(now.summary(), now.problems());
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
