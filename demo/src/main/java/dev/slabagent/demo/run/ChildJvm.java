package dev.slabagent.demo.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a child JVM with a given {@code java} binary and collects its exit code and output. */
public final class ChildJvm {

    private final Path java;

    /** A launcher using the {@code java} binary of the given JDK home. */
    public ChildJvm(Path javaHome) {
        this.java = javaHome.resolve("bin").resolve("java");
        if (!Files.isExecutable(java)) {
            throw new IllegalStateException("no java binary at " + java);
        }
    }

    /** A launcher using the JDK this JVM runs on. */
    public static ChildJvm current() {
        return new ChildJvm(Path.of(System.getProperty("java.home")));
    }

    /**
     * Runs {@code java ARGUMENTS...} in {@code workDir} and waits for it.
     *
     * @throws IllegalStateException if it does not finish within {@code timeout} (it is then killed)
     */
    public ChildResult run(List<String> arguments, Path workDir, Duration timeout) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(arguments);
        try {
            Path out = Files.createTempFile("child-jvm", ".out");
            Path err = Files.createTempFile("child-jvm", ".err");
            try {
                Process process = new ProcessBuilder(command).directory(workDir.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new IllegalStateException("child JVM did not finish within " + timeout + ": "
                            + String.join(" ", command));
                }
                return new ChildResult(command, process.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }
}
