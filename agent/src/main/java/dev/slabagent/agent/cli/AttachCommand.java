package dev.slabagent.agent.cli;

import dev.slabagent.agent.AttachOutcome;
import dev.slabagent.runtime.management.AgentMXBean;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

/**
 * {@code attach PID CONFIG}: loads this jar as an agent into a running JVM with {@code CONFIG} (replacing the config
 * installed there, if any), then reads what it switched on from the outcome file the agent wrote before its
 * {@code agentmain} returned (or, if it wrote none, from the agent's MBean). Prints one line per
 * cache switched on; each config problem is one line on stderr. A config of which no cache could be switched on
 * is a failure (exit 2, one line with its problems).
 */
@Command(name = "attach",
        description = "Load the slab-agent into the running JVM PID with config file CONFIG (replacing its current "
                + "config): loaded classes that allocate the configured types are retransformed. Prints one line per "
                + "cache switched on.")
final class AttachCommand extends TargetCommand {

    @Parameters(index = "1", paramLabel = "CONFIG", description = "The agent's properties file.")
    String config;

    @ParentCommand
    SlabCli cli;

    /** The JVM may or may not run the agent yet. */
    @Override
    TargetJvm target() {
        return TargetJvm.open(pid);
    }

    @Override
    String run(TargetJvm jvm) {
        Path file = configFile(config);
        return report(file, jvm.loadAgent(cli.agentJar(), file).orElseGet(() -> askMBean(jvm)));
    }

    /** The install's outcome from the agent's MBean, for an agent that did not write it into the outcome file. */
    private static AttachOutcome askMBean(TargetJvm jvm) {
        if (!jvm.hasAgent()) {
            throw new CliException("the agent did not register its MBean in JVM " + jvm.pid() + " (see its stderr)");
        }
        AgentMXBean agent = jvm.agent();
        return jvm.call(() -> new AttachOutcome(agent.getActivated(), agent.getProblems()));
    }

    /** Prints each problem on stderr; returns the activated caches' lines, or fails if there is none. */
    private String report(Path file, AttachOutcome installed) {
        if (installed.activated().isEmpty()) {
            throw new CliException(file + ": no cache switched on" + (installed.problems().isEmpty()
                    ? " (the config defines none)"
                    : ": " + String.join("; ", installed.problems().stream().map(AttachCommand::withoutPrefix).toList())));
        }
        PrintWriter err = spec.commandLine().getErr();
        installed.problems().forEach(p -> err.println(spec.qualifiedName() + ": " + withoutPrefix(p)));
        err.flush();
        StringBuilder lines = new StringBuilder();
        installed.activated().forEach(line -> lines.append(line).append(System.lineSeparator()));
        return lines.toString();
    }

    private static String withoutPrefix(String problem) {
        return problem.startsWith("slab-agent: ") ? problem.substring("slab-agent: ".length()) : problem;
    }

    /** The config as an absolute path (the target JVM has another working directory), checked to be readable. */
    static Path configFile(String name) {
        Path file;
        try {
            file = Path.of(name).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new CliException("config " + name + ": not a file path (" + e.getReason() + ")");
        }
        if (!Files.exists(file)) {
            throw new CliException("config " + file + ": no such file");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new CliException("config " + file + ": not a readable file");
        }
        return file;
    }
}
