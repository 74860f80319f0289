package dev.slabagent.agent.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import dev.slabagent.agent.AgentArgs;
import dev.slabagent.agent.AttachOutcome;
import dev.slabagent.runtime.management.AgentMXBean;
import dev.slabagent.runtime.management.CacheMXBean;
import dev.slabagent.runtime.management.ManagementNames;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.RuntimeMXBean;
import java.lang.reflect.UndeclaredThrowableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * An attach connection to another local JVM and, made on first use, a connection to its slab-agent MBeans through
 * the Attach API's local management agent ({@code startLocalManagementAgent}): local only, no network port of
 * ours, no password. Every failure is a {@link CliException} with one line naming the PID and the problem.
 */
final class TargetJvm implements AutoCloseable {

    /** How long after its start a JVM with {@code -javaagent} may take to register the agent's MBean. */
    static final long STARTUP_GRACE_MILLIS = 10_000;
    private static final long POLL_MILLIS = 20;
    private final long pid;
    private final VirtualMachine vm;
    private JMXConnector connector;
    private MBeanServerConnection mbeans;

    private TargetJvm(long pid, VirtualMachine vm) {
        this.pid = pid;
        this.vm = vm;
    }

    /**
     * Attaches to JVM {@code pidText} and checks that the agent is loaded in it.
     *
     * @throws CliException if the PID is malformed, names no process or no JVM we may attach to, or the JVM has
     *                      no slab-agent
     */
    static TargetJvm connect(String pidText) {
        TargetJvm jvm = open(pidText);
        if (!jvm.hasAgent()) {
            jvm.close();
            throw new CliException("JVM " + jvm.pid + " has no slab-agent (start it with -javaagent:slab-agent.jar=CONFIG"
                    + " or use attach)");
        }
        return jvm;
    }

    /**
     * Attaches to JVM {@code pidText}, with or without the agent; the MBeans are connected to on first use.
     *
     * @throws CliException if the PID is malformed or names no process or no JVM we may attach to
     */
    static TargetJvm open(String pidText) {
        long pid = parsePid(pidText);
        if (ProcessHandle.of(pid).isEmpty()) {
            throw new CliException("no process with PID " + pid);
        }
        if (!isAttachableJvm(pid)) {
            throw new CliException("PID " + pid + " is not a Java VM this user can attach to");
        }
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(Long.toString(pid));
        } catch (AttachNotSupportedException | IOException e) {
            throw new CliException("cannot attach to JVM " + pid + ": " + e.getMessage(), e);
        }
        return new TargetJvm(pid, vm);
    }

    /** The JVM's MBeans, through its local management agent (started if it is not running). */
    private MBeanServerConnection mbeans() {
        if (mbeans == null) {
            try {
                connector = JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()));
                mbeans = connector.getMBeanServerConnection();
            } catch (IOException e) {
                throw new CliException("cannot connect to the local management agent of JVM " + pid + ": "
                        + e.getMessage(), e);
            }
        }
        return mbeans;
    }

    private static long parsePid(String text) {
        try {
            long pid = Long.parseLong(text);
            if (pid > 0) {
                return pid;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CliException("not a process id: '" + text + "'");
    }

    /** Only JVMs the Attach API lists: attaching to anything else would send it a SIGQUIT. */
    private static boolean isAttachableJvm(long pid) {
        String id = Long.toString(pid);
        for (VirtualMachineDescriptor vm : VirtualMachine.list()) {
            if (vm.id().equals(id)) {
                return true;
            }
        }
        return false;
    }

    long pid() {
        return pid;
    }

    /**
     * Whether the agent's MBean is registered, i.e. the agent runs in the JVM. A JVM started with {@code -javaagent}
     * registers it on a thread of its own just after start-up: until that JVM is {@value #STARTUP_GRACE_MILLIS} ms
     * old, this waits for it.
     */
    boolean hasAgent() {
        if (agentRegistered()) {
            return true;
        }
        RuntimeMXBean runtime = remote(() -> ManagementFactory.getPlatformMXBean(mbeans(), RuntimeMXBean.class));
        if (call(() -> runtime.getInputArguments().stream().noneMatch(a -> a.startsWith("-javaagent:")))) {
            return false;
        }
        long waitMillis = STARTUP_GRACE_MILLIS - call(runtime::getUptime);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (agentRegistered()) {
                return true;
            }
        }
        return false;
    }

    private boolean agentRegistered() {
        return remote(() -> mbeans().isRegistered(ManagementNames.AGENT));
    }

    /** The agent's MBean; call {@link #hasAgent()} first. */
    AgentMXBean agent() {
        return JMX.newMXBeanProxy(mbeans(), ManagementNames.AGENT, AgentMXBean.class);
    }

    /**
     * Loads {@code agentJar} into the JVM with {@code config} as its argument and waits until its agentmain returned;
     * the agent writes what it installed into a file of this command's (readable by this user only), so that the
     * JVM's management agent need not be started for it.
     *
     * @return what the agent installed; empty if it wrote nothing (it could not write the file, or an agent of an
     *         older jar was loaded already): then ask its MBean
     * @throws CliException if the JVM cannot load the jar or the agent failed to start
     */
    Optional<AttachOutcome> loadAgent(Path agentJar, Path config) {
        Path file;
        try {
            file = Files.createTempFile("slab-agent-attach-", ".txt");
        } catch (IOException e) {
            throw new CliException("cannot make the attach's outcome file: " + e.getMessage(), e);
        }
        try {
            vm.loadAgent(agentJar.toString(), new AgentArgs(config.toString(), file).format());
            return AttachOutcome.readFrom(file);
        } catch (AgentLoadException e) {
            throw new CliException("JVM " + pid + " cannot load the agent jar " + agentJar + ": " + e.getMessage(), e);
        } catch (AgentInitializationException e) {
            throw new CliException("the agent did not start in JVM " + pid + " (agentmain failed, code "
                    + e.returnValue() + "; see its stderr)", e);
        } catch (IOException e) {
            throw new CliException("lost the attach connection to JVM " + pid + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(file);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file: the system cleans it up
        }
    }

    /**
     * The MBean of cache {@code name}.
     *
     * @throws CliException if the JVM has no such cache
     */
    CacheMXBean cache(String name) {
        List<String> names = cacheNames();
        if (!names.contains(name)) {
            throw new CliException("JVM " + pid + " has no cache '" + name + "' (caches: "
                    + (names.isEmpty() ? "none" : String.join(", ", names)) + ")");
        }
        return JMX.newMXBeanProxy(mbeans(), ManagementNames.cache(name), CacheMXBean.class);
    }

    /** The names of the JVM's caches, sorted. */
    private List<String> cacheNames() {
        return remote(() -> mbeans().queryNames(ManagementNames.ALL_CACHES, null).stream()
                .map(n -> n.getKeyProperty("name")).map(v -> v.startsWith("\"") ? ObjectName.unquote(v) : v)
                .sorted().toList());
    }

    /**
     * The slabinfo table of the JVM, taken by the agent in one go (reading the cache MBeans' attributes one by one
     * would mix figures of different moments, e.g. hits above allocs); call {@link #hasAgent()} first.
     */
    String slabinfo() {
        return call(() -> agent().getSlabinfo());
    }

    /**
     * Runs a call on the JVM's MBeans: a lost connection and a refusal by the agent (an {@link IllegalStateException}
     * with a one-line reason) become {@link CliException}s.
     */
    <T> T call(Supplier<T> remote) {
        try {
            return remote.get();
        } catch (UndeclaredThrowableException e) {
            throw new CliException("lost the connection to JVM " + pid + ": " + e.getUndeclaredThrowable().getMessage(), e);
        } catch (IllegalStateException e) {
            throw new CliException("JVM " + pid + ": " + e.getMessage(), e);
        }
    }

    /** A call on the MBean connection that may fail with an {@link IOException}. */
    private interface RemoteCall<T> {
        T get() throws IOException;
    }

    /** {@link #call} for a call whose {@link IOException} means the connection is lost. */
    private <T> T remote(RemoteCall<T> remote) {
        return call(() -> {
            try {
                return remote.get();
            } catch (IOException e) {
                throw new UndeclaredThrowableException(e);
            }
        });
    }

    @Override
    public void close() {
        try {
            if (connector != null) {
                connector.close();
            }
            vm.detach();
        } catch (IOException e) {
            // closing local connections: nothing left to do
        }
    }
}
