package dev.slabagent.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Host programs run in child JVMs of the test's JDK, with or without the shipped agent jar (for the *IT tests). */
final class HostJvm {

    /** The shaded agent jar, built in the package phase. */
    static final Path AGENT_JAR = Path.of("target", "slab-agent.jar");
    /** The test classes, holding the fixture host programs. */
    static final Path TEST_CLASSES = Path.of("target", "test-classes");

    private HostJvm() {
    }

    /** What a child JVM did. */
    record Run(int exit, String stdout, String stderr) {

        /**
         * The numbers of {@code cache}'s slabinfo line, after the table's header, up to {@code misses}; fails if either
         * is missing.
         */
        long[] slabinfo(String cache) {
            return Arrays.stream(slabinfoRow(cache)).skip(1).limit(7).mapToLong(Long::parseLong).toArray();
        }

        /** The {@code state} column of {@code cache}'s slabinfo line: empty for a live cache in a table without it. */
        String slabinfoState(String cache) {
            String[] row = slabinfoRow(cache);
            return row.length > 9 ? String.join(" ", Arrays.asList(row).subList(9, row.length)) : "";
        }

        private String[] slabinfoRow(String cache) {
            List<String> table = stderr.lines()
                    .filter(l -> l.startsWith("# name") || l.startsWith(cache + " ")).toList();
            assertEquals(2, table.size(), stderr);
            assertTrue(table.get(0).equals("# name active_objs num_objs objsize allocs frees hits misses")
                    || table.get(0).equals("# name active_objs num_objs objsize allocs frees hits misses hazards state"),
                    stderr);
            return table.get(1).trim().split("\\s+");
        }
    }

    /**
     * Runs {@code mainClass} with {@code args} on {@code classPath}, with {@code -javaagent:AGENT_JAR=config} unless
     * {@code config} is null; stdout and stderr go through files in {@code dir}.
     */
    static Run run(Path dir, Path config, List<Path> classPath, String mainClass, String... args) throws Exception {
        return run(dir, config, List.of(), classPath, mainClass, args);
    }

    /** {@link #run(Path, Path, List, String, String...)} with {@code jvmOptions} before the class path. */
    static Run run(Path dir, Path config, List<String> jvmOptions, List<Path> classPath, String mainClass,
                   String... args) throws Exception {
        assertTrue(Files.isRegularFile(AGENT_JAR), AGENT_JAR.toAbsolutePath() + " missing: run mvn package first");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        if (config != null) {
            command.add("-javaagent:" + AGENT_JAR.toAbsolutePath() + "=" + config);
        }
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classPath.stream().map(p -> p.toAbsolutePath().toString()).toList()));
        command.add(mainClass);
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM timed out");
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Writes an agent config file with {@code text} into {@code dir}. */
    static Path config(Path dir, String text) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "slab", ".properties"), text);
    }

    /** The jar of {@code artifact} (say {@code byte-buddy}) on this JVM's class path, the pom's version of it. */
    static Path libraryJar(String artifact) {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).map(Path::of)
                .filter(p -> p.getFileName().toString().matches(artifact.replace(".", "\\.") + "-\\d[^/]*\\.jar"))
                .findFirst().orElseThrow(() -> new AssertionError("no " + artifact + " jar on the test class path"));
    }
}
