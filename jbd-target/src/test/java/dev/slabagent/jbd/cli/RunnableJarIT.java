package dev.slabagent.jbd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code target/jbd-target.jar} as tests outside the repo use it: {@code java -jar} runs it from its
 * manifest's class path alone, that class path holds no SLF4J binding (issue 2: none in jbd-target itself), and
 * {@code workload} prints exactly its one result line on stdout and nothing on stderr.
 */
class RunnableJarIT {

    private static final Path JAR = Path.of("target", "jbd-target.jar");
    private static final String SLF4J_PROVIDER = "META-INF/services/org.slf4j.spi.SLF4JServiceProvider";

    @TempDir
    Path dir;

    @Test
    void manifestClassPathResolvesAndHoldsNoSlf4jBinding() throws IOException {
        Manifest manifest = manifest(JAR);
        assertEquals("dev.slabagent.jbd.cli.Main", manifest.getMainAttributes().getValue("Main-Class"));
        String classPath = manifest.getMainAttributes().getValue("Class-Path");
        assertTrue(classPath.contains("lib/slf4j-api.jar"), classPath);
        for (String entry : classPath.trim().split("\\s+")) {
            Path lib = JAR.resolveSibling(entry);
            assertTrue(Files.isRegularFile(lib), "manifest Class-Path entry " + entry + " missing");
            try (JarFile jar = new JarFile(lib.toFile())) {
                assertEquals(null, jar.getEntry(SLF4J_PROVIDER), entry + " is an SLF4J binding");
            }
        }
    }

    @Test
    void workloadPrintsExactlyItsResultLineOnStdoutAndNothingOnStderr() throws Exception {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        int exit = java(out, err, "-jar", JAR.toString(), "workload", "--dir", dir.resolve("w").toString(),
                "--writes", "300");
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(0, exit, stderr);
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches("writes=300 threads=1 us_per_write=\\d+\\.\\d{3} commits=\\d+"), lines.get(0));
        assertEquals("", stderr, "nothing on stderr, SLF4J's no-binding notice included");
    }

    @Test
    void slf4jNoticeComesBackWhenAskedFor() throws Exception {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        int exit = java(out, err, "-D" + Main.SLF4J_VERBOSITY + "=WARN", "-jar", JAR.toString(), "workload",
                "--dir", dir.resolve("w").toString(), "--writes", "10");
        assertEquals(0, exit);
        assertTrue(Files.readString(err).contains("No SLF4J providers"), "the switch is SLF4J's own");
        assertFalse(Files.readString(out).contains("SLF4J"), "SLF4J's notices never go to stdout");
    }

    private static Manifest manifest(Path jar) throws IOException {
        assertTrue(Files.isRegularFile(jar), jar.toAbsolutePath() + " missing: run mvn package first");
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest();
        }
    }

    private static int java(Path out, Path err, String... args) throws Exception {
        manifest(JAR);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM timed out");
        return p.exitValue();
    }
}
