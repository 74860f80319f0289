package dev.slabagent.demo.bench.attach;

import com.sun.tools.attach.VirtualMachine;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The status line of the agent in another JVM ({@code slab.agent:type=Agent}, attribute {@code Status}, e.g.
 * {@code caches on: journal_handle; problems: 0; installed in 131 ms}), read through its local management agent.
 */
final class AgentStatus {

    private AgentStatus() {
    }

    /** The agent's status line in JVM {@code pid}. */
    static String of(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        try (JMXConnector jmx = JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()))) {
            return (String) jmx.getMBeanServerConnection().getAttribute(new ObjectName("slab.agent:type=Agent"), "Status");
        } finally {
            vm.detach();
        }
    }
}
