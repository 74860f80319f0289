package dev.slabagent.demo.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slabagent.demo.run.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@link EquivalenceContract} on the machine's Temurin 25 JDK: the agent must work on it too. */
class Temurin25EquivalenceTest extends EquivalenceContract {

    /** Where the machine's second JDK is. */
    static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    @Override
    ChildJvm jvm() {
        assertTrue(Files.isExecutable(TEMURIN_25.resolve("bin/java")),
                "Temurin 25 JDK missing at " + TEMURIN_25 + ": the agent must be tested on it too");
        return new ChildJvm(TEMURIN_25);
    }
}
