package dev.slabagent.agent;

import dev.slabagent.runtime.SlabInfo;
import dev.slabagent.runtime.SlabRegistry;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine-readable per-run report the {@code ab} command reads: when the system property {@value #DIR_PROPERTY}
 * names a folder, the JVM writes {@code jvm-PID.txt} there at exit: one line
 * {@code jvm pid=P gc_count=N gc_ms=T alloc_bytes=B}, then the slabinfo table of its caches as {@code report=exit}
 * prints it (header line included, so that columns added to slabinfo reach the reader by name).
 * <p>
 * GCs are the collectors' MXBean counts and times (pauses: the {@code Cycles} beans of concurrent collectors are
 * left out, they count the same collections again); bytes are {@code getTotalThreadAllocatedBytes}, which counts
 * the threads that have ended too. With the agent argument {@value #MEASURE_ONLY} nothing else is done: no config,
 * no transformer, no cache (the {@code ab} command's baseline runs).
 */
public final class RunReport {

    /** The system property naming the folder the report is written to. */
    public static final String DIR_PROPERTY = "slabagent.runReport";

    /** The agent argument that only measures: {@code -javaagent:slab-agent.jar=measure}. */
    public static final String MEASURE_ONLY = "measure";

    /** The report file's name before the process id. */
    public static final String FILE_PREFIX = "jvm-";

    private static boolean registered;

    private RunReport() {
    }

    /** Registers the shutdown hook (once per JVM) if {@value #DIR_PROPERTY} is set. */
    static synchronized void register() {
        String dir = System.getProperty(DIR_PROPERTY);
        if (dir != null && !registered) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> write(Path.of(dir)), "slab-agent-run-report"));
            registered = true;
        }
    }

    /**
     * {@code com.sun.management.ThreadMXBean.getTotalThreadAllocatedBytes()} (JDK 14+), looked up by name: JDK 25's
     * javac does not list it for {@code --release 17}, so a direct call would not compile there; -1 if unavailable.
     */
    private static long totalAllocatedBytes() {
        try {
            MethodHandle total = MethodHandles.publicLookup().findVirtual(com.sun.management.ThreadMXBean.class,
                    "getTotalThreadAllocatedBytes", MethodType.methodType(long.class));
            return (long) total.invoke(ManagementFactory.getThreadMXBean());
        } catch (Throwable e) {
            return -1;
        }
    }

    private static void write(Path dir) {
        long gcs = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!gc.getName().endsWith("Cycles")) {
                gcs += Math.max(0, gc.getCollectionCount());
                gcMillis += Math.max(0, gc.getCollectionTime());
            }
        }
        long bytes = totalAllocatedBytes();
        long pid = ProcessHandle.current().pid();
        String report = "jvm pid=" + pid + " gc_count=" + gcs + " gc_ms=" + gcMillis + " alloc_bytes=" + bytes + "\n"
                + SlabInfo.format(SlabRegistry.allStats());
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(FILE_PREFIX + pid + ".txt"), report, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            System.err.println("slab-agent: run report not written to " + dir + " (" + e + ")");
        }
    }
}
