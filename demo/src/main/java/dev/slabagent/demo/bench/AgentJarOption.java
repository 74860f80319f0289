package dev.slabagent.demo.bench;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --agent JAR} option of the benchmark runners that start JVMs with (or attach) the agent. */
public final class AgentJarOption {

    @Option(names = "--agent", required = true, description = "the agent jar (agent/target/slab-agent.jar)")
    private Path jar;

    /** The agent jar given on the command line. */
    public Path jar() {
        return jar;
    }
}
