package dev.slabagent.demo.bench;

import dev.slabagent.runtime.management.ManagementNames;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link HandleSiteBench#roundTrip} and {@link NoEscapeBench#dot} with their caches switched off at run time,
 * as {@code slab-agent disable} does, before the first measured call: what a switched-off site costs against the
 * same code without the agent (run it with and without {@code -javaagent}; without, the setup does nothing).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class SwitchedOffBench {

    /** The caches the two benchmarks' sites belong to in {@code demo/configs/bench/*.properties}. */
    private static final String[] CACHES = {"bench_handle", "vec"};

    /** A class of the agent's, on the class path only when the JVM runs with the agent. */
    private static final String AGENT_CLASS = "dev/slabagent/runtime/management/ManagementNames.class";

    private final HandleSiteBench handleSite = new HandleSiteBench();
    private final NoEscapeBench noEscape = new NoEscapeBench();

    /**
     * Switches the caches off through their MBeans, if the agent installed them.
     *
     * @throws JMException if an installed cache refuses to switch off
     */
    @Setup(Level.Trial)
    public void switchOff() throws JMException {
        if (ClassLoader.getSystemClassLoader().getResource(AGENT_CLASS) == null) {
            return; // no agent in this JVM: nothing to switch off, and ManagementNames is not on the class path
        }
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (String cache : CACHES) {
            ObjectName name = ManagementNames.cache(cache);
            if (server.isRegistered(name)) {
                server.invoke(name, "disable", new Object[0], new String[0]);
            }
        }
    }

    /**
     * {@link HandleSiteBench#roundTrip}, its cache switched off.
     *
     * @param blackhole makes the handle escape
     */
    @Benchmark
    public void roundTrip(Blackhole blackhole) {
        handleSite.roundTrip(blackhole);
    }

    /** @return {@link NoEscapeBench#dot}, its cache switched off */
    @Benchmark
    public long dot() {
        return noEscape.dot();
    }
}
