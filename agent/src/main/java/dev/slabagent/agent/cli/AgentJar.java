package dev.slabagent.agent.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;

/** Where the agent jar that {@code attach} loads is: the jar this CLI runs from. */
final class AgentJar {

    private AgentJar() {
    }

    /**
     * The jar holding {@code cliClass} (the CLI runs from the agent jar itself).
     *
     * @throws CliException if the class does not come from a jar file (e.g. a classes folder)
     */
    static Path of(Class<?> cliClass) {
        CodeSource source = cliClass.getProtectionDomain().getCodeSource();
        Path location = null;
        try {
            location = source == null ? null : Path.of(source.getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException | IllegalArgumentException e) {
            // reported below
        }
        if (location == null || !Files.isRegularFile(location) || !location.toString().endsWith(".jar")) {
            throw new CliException("attach needs the agent jar: run it as java -jar slab-agent.jar attach PID CONFIG"
                    + " (this CLI runs from " + (location == null ? "an unknown place" : location) + ")");
        }
        return location;
    }
}
