package dev.slabagent.agent.cli;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import dev.slabagent.runtime.SlabStats;
import dev.slabagent.runtime.management.CacheMXBean;
import dev.slabagent.runtime.management.ManagementNames;
import java.io.IOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A connection to the slab-agent MBeans of another local JVM, made through the Attach API's local management
 * agent ({@code startLocalManagementAgent}): local only, no network port of ours, no password. Every failure is a
 * {@link CliException} with one line naming the PID and the problem.
 */
final class TargetJvm implements AutoCloseable {

    private final long pid;
    private final JMXConnector connector;
    private final MBeanServerConnection mbeans;

    private TargetJvm(long pid, JMXConnector connector, MBeanServerConnection mbeans) {
        this.pid = pid;
        this.connector = connector;
        this.mbeans = mbeans;
    }

    /**
     * Attaches to JVM {@code pidText} and checks that the agent is loaded in it.
     *
     * @throws CliException if the PID is malformed, names no process or no JVM we may attach to, or the JVM has
     *                      no slab-agent
     */
    static TargetJvm connect(String pidText) {
        long pid = parsePid(pidText);
        if (ProcessHandle.of(pid).isEmpty()) {
            throw new CliException("no process with PID " + pid);
        }
        if (!isAttachableJvm(pid)) {
            throw new CliException("PID " + pid + " is not a Java VM this user can attach to");
        }
        String address = localManagementAddress(pid);
        try {
            JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
            TargetJvm jvm = new TargetJvm(pid, connector, connector.getMBeanServerConnection());
            jvm.requireAgent();
            return jvm;
        } catch (IOException e) {
            throw new CliException("cannot connect to the management agent of JVM " + pid + ": " + e.getMessage(), e);
        }
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

    private static String localManagementAddress(long pid) {
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(Long.toString(pid));
        } catch (AttachNotSupportedException | IOException e) {
            throw new CliException("cannot attach to JVM " + pid + ": " + e.getMessage(), e);
        }
        try {
            return vm.startLocalManagementAgent();
        } catch (IOException e) {
            throw new CliException("cannot start the local management agent of JVM " + pid + ": " + e.getMessage(), e);
        } finally {
            try {
                vm.detach();
            } catch (IOException e) {
                // the management agent is started; a failed detach of the attach channel changes nothing
            }
        }
    }

    private void requireAgent() throws IOException {
        if (!mbeans.isRegistered(ManagementNames.AGENT)) {
            close();
            throw new CliException("JVM " + pid + " has no slab-agent (start it with -javaagent:slab-agent.jar=CONFIG"
                    + " or use attach)");
        }
    }

    /** The figures of every cache in the JVM, sorted by name. */
    List<SlabStats> cacheStats() {
        try {
            List<SlabStats> stats = new ArrayList<>();
            for (ObjectName name : mbeans.queryNames(ManagementNames.ALL_CACHES, null)) {
                CacheMXBean c = JMX.newMXBeanProxy(mbeans, name, CacheMXBean.class);
                stats.add(new SlabStats(c.getName(), c.getActiveObjs(), c.getNumObjs(), c.getObjSize(),
                        c.getAllocs(), c.getFrees(), c.getHits(), c.getMisses()));
            }
            stats.sort(Comparator.comparing(SlabStats::name));
            return stats;
        } catch (IOException | UndeclaredThrowableException e) {
            throw new CliException("lost the connection to JVM " + pid + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            connector.close();
        } catch (IOException e) {
            // closing a local connection: nothing left to do
        }
    }
}
