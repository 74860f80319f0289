package dev.slabagent.agent.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.tools.attach.VirtualMachine;
import dev.slabagent.agent.attach.ClassFilesAgent;
import dev.slabagent.agent.attach.JournalWriterMain;
import dev.slabagent.jbd.Journal;
import dev.slabagent.jbd.Transactions;
import dev.slabagent.jbd.Recovery;
import dev.slabagent.jbd.RecoveryResult;
import dev.slabagent.jbd.device.FileBlocks;
import dev.slabagent.jbd.workload.RandomWrites;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.TraceClassVisitor;

/**
 * A child JVM running {@link JournalWriterMain} (jbd-target's journal under load, no agent unless given as a JVM
 * option), and the checks the attach tests make on it: its writes, the class files it runs, and at the end the
 * journal it leaves, recovered and compared write by write.
 */
final class WorkloadChild implements AutoCloseable {

    private final Path dir;
    private final int threads;
    private final ChildJvm jvm;

    private WorkloadChild(Path dir, int threads, ChildJvm jvm) {
        this.dir = dir;
        this.threads = threads;
        this.jvm = jvm;
    }

    /** Starts the writers (journal and device in {@code dir}). */
    static WorkloadChild start(Path dir, int threads, List<String> jvmOptions) throws Exception {
        String classPath = String.join(File.pathSeparator, codeSource(JournalWriterMain.class), codeSource(Journal.class),
                codeSource(org.slf4j.LoggerFactory.class), codeSource(org.slf4j.simple.SimpleLogger.class));
        return new WorkloadChild(dir, threads, ChildJvm.java(jvmOptions, classPath, JournalWriterMain.class,
                dir.toString(), Integer.toString(threads)));
    }

    private static String codeSource(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    long pid() {
        return jvm.pid();
    }

    /** Writes done so far by all writers. */
    long writes() throws IOException {
        return Long.parseLong(jvm.ask("count"));
    }

    /** Waits until the writers have done {@code more} further writes (the workload is alive). */
    void awaitWrites(long more) throws Exception {
        long target = writes() + more;
        for (int i = 0; i < 200 && writes() < target; i++) {
            Thread.sleep(25);
        }
        assertTrue(writes() >= target, "the workload stalled");
    }

    /**
     * The class files the loaded jbd-target classes run now, by class name, each as ASM's text of it: the JVM hands
     * a retransform a class file it rebuilt, whose constant pool may grow from one retransform to the next, so the
     * bytes differ where the code (instructions and the members they name) is the same.
     */
    Map<String, String> classFiles() throws Exception {
        Path jar = dir.resolve("class-files-agent.jar");
        if (!Files.exists(jar)) {
            writeAgentJar(jar);
        }
        Path out = Files.createTempDirectory(dir, "classes");
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid()));
        try {
            vm.loadAgent(jar.toString(), "dev.slabagent.jbd.=" + out);
        } finally {
            vm.detach();
        }
        Map<String, String> classes = new TreeMap<>();
        try (Stream<Path> files = Files.list(out)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                classes.put(name.substring(0, name.length() - ".class".length()), text(Files.readAllBytes(f)));
            }
        }
        assertTrue(classes.containsKey(Transactions.class.getName()), classes.keySet().toString());
        return classes;
    }

    private static String text(byte[] classFile) {
        StringWriter text = new StringWriter();
        new ClassReader(classFile).accept(new TraceClassVisitor(new PrintWriter(text)), 0);
        return text.toString();
    }

    /** Whether the JVM's local management agent (a JMX connector, on a port of the loopback interface) runs. */
    boolean managementAgentRuns() throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid()));
        try {
            return vm.getAgentProperties().getProperty("com.sun.management.jmxremote.localConnectorAddress") != null;
        } finally {
            vm.detach();
        }
    }

    /** Names of the classes whose code differs between two {@link #classFiles()} readings. */
    static Set<String> changed(Map<String, String> before, Map<String, String> after) {
        Set<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        names.removeIf(n -> Objects.equals(before.get(n), after.get(n)));
        return names;
    }

    /** A manifest-only agent jar: {@link ClassFilesAgent} itself is on the child's class path. */
    private static void writeAgentJar(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Agent-Class", ClassFilesAgent.class.getName());
        manifest.getMainAttributes().putValue("Can-Retransform-Classes", "true");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.flush();
        }
    }

    /**
     * Stops the writers, then checks that none failed and that recovering the journal they leave gives a device
     * holding exactly every write of every writer (so no write was lost or torn).
     */
    void stopAndVerify() throws Exception {
        String answer = jvm.ask("stop");
        assertTrue(answer.startsWith("stopped "), "the workload failed: " + answer);
        long[] done = Arrays.stream(answer.substring("stopped ".length()).split(" "))
                .mapToLong(Long::parseLong).toArray();
        assertTrue(jvm.waitFor() == 0, "child exit code");
        RecoveryResult recovered;
        try (FileBlocks journal = FileBlocks.open(dir.resolve("journal"), JournalWriterMain.BLOCK_SIZE);
             FileBlocks device = FileBlocks.open(dir.resolve("device"), JournalWriterMain.BLOCK_SIZE)) {
            recovered = Recovery.recover(journal, device);
        }
        assertTrue(recovered.needed() && recovered.blocksReplayed() > 0, "the journal had transactions to replay: "
                + recovered);
        long store = (long) JournalWriterMain.DEVICE_BLOCKS * JournalWriterMain.BLOCK_SIZE;
        byte[] expected = new byte[(int) store];
        byte[] record = new byte[JournalWriterMain.RECORD_SIZE];
        for (int w = 0; w < threads; w++) {
            RandomWrites stream = new RandomWrites(JournalWriterMain.SEED, w, w, threads, store, JournalWriterMain.RECORD_SIZE);
            for (long i = 0; i < done[w]; i++) {
                long position = stream.next(record);
                System.arraycopy(record, 0, expected, (int) position, record.length);
            }
        }
        assertArrayEquals(expected, Files.readAllBytes(dir.resolve("device")),
                "the recovered device holds every write of " + answer);
    }

    @Override
    public void close() {
        jvm.close();
    }
}
