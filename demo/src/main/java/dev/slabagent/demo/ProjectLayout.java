package dev.slabagent.demo;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the built pieces of the project are: the agent jar, the jbd-target jar, the shipped configs and the demo's
 * own classes. The root is the directory with the root {@code pom.xml} and the modules.
 */
public record ProjectLayout(Path root) {

    /** System property naming the project root explicitly ({@code scripts/demo.sh} sets it). */
    public static final String ROOT_PROPERTY = "slabagent.root";

    /** The agent's shaded jar (a contract path). */
    public Path agentJar() {
        return require(root.resolve("agent/target/slab-agent.jar"));
    }

    /** jbd-target's runnable jar (a contract path). */
    public Path jbdJar() {
        return require(root.resolve("jbd-target/target/jbd-target.jar"));
    }

    /** The seed patch's agent config (a contract path). */
    public Path seedConfig() {
        return require(root.resolve("demo/configs/journal_handle.properties"));
    }

    /** The seed's cache plus the frozen-copy array cache (a contract path). */
    public Path frozenConfig() {
        return require(root.resolve("demo/configs/journal_frozen.properties"));
    }

    /** The jar or directory the demo's classes (including the probes run in child JVMs) are loaded from. */
    public static Path demoClasses() {
        try {
            return Path.of(ProjectLayout.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the demo's classes", e);
        }
    }

    /**
     * The project this demo belongs to: the {@value #ROOT_PROPERTY} property if set, else the nearest directory
     * above the demo's classes, else above the current directory, that holds the project's modules.
     *
     * @throws IllegalStateException if none is found
     */
    public static ProjectLayout locate() {
        String explicit = System.getProperty(ROOT_PROPERTY);
        if (explicit != null) {
            return new ProjectLayout(Path.of(explicit).toAbsolutePath().normalize());
        }
        return above(demoClasses()).or(() -> above(Path.of("").toAbsolutePath()))
                .map(ProjectLayout::new)
                .orElseThrow(() -> new IllegalStateException("cannot find the slab-agent project root above "
                        + demoClasses() + "; set -D" + ROOT_PROPERTY + "=DIR"));
    }

    private static Optional<Path> above(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("agent"))
                    && Files.isDirectory(dir.resolve("jbd-target")) && Files.isDirectory(dir.resolve("demo"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    private Path require(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("missing " + file + ": build it first with 'mvn -B -DskipTests package' in "
                    + root);
        }
        return file;
    }
}
