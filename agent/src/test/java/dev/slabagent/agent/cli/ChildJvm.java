package dev.slabagent.agent.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A child process started by a test, ended when the test closes it; a JVM child talks over its stdin and stdout. */
final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;

    private ChildJvm(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** Starts {@code mainClass} on this JVM's class path with the same java, and waits for its {@code ready} line. */
    static ChildJvm java(Class<?> mainClass, String... args) throws IOException {
        return java(List.of(), System.getProperty("java.class.path"), mainClass, args);
    }

    /**
     * Starts {@code mainClass} with the same java, these JVM options and class path, and waits for its {@code ready}
     * line; its stderr goes to ours.
     */
    static ChildJvm java(List<String> jvmOptions, String classPath, Class<?> mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaCommand()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, mainClass.getName()));
        command.addAll(List.of(args));
        ChildJvm child = new ChildJvm(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
        String line = child.readLine();
        if (!"ready".equals(line)) {
            child.close();
            throw new IOException("child JVM " + mainClass.getName() + " did not start: " + line);
        }
        return child;
    }

    /** The java launcher of this JVM. */
    static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Starts a process that is not a JVM. */
    static ChildJvm process(String... command) throws IOException {
        return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    long pid() {
        return process.pid();
    }

    /** Sends one line to the child's stdin and returns the line it answers. */
    String ask(String line) throws IOException {
        in.println(line);
        String answer = readLine();
        if (answer == null) {
            throw new IOException("child JVM " + pid() + " ended without answering '" + line + "'");
        }
        return answer;
    }

    /** Waits for the child to end; returns its exit code. */
    int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    private String readLine() throws IOException {
        return out.readLine();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
