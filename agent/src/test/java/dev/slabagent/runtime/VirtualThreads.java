package dev.slabagent.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slabagent.agent.AgentInstaller;
import dev.slabagent.agent.config.ConfigParser;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.bytebuddy.agent.ByteBuddyAgent;

/** Virtual threads for tests compiled for JDK 17: reached by reflection, and missing only before JDK 21. */
final class VirtualThreads {

    private VirtualThreads() {
    }

    /** A new virtual-thread-per-task executor; empty before JDK 21 (checked: only there may it be missing). */
    static Optional<ExecutorService> perTaskExecutor() throws ReflectiveOperationException {
        try {
            return Optional.of((ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null));
        } catch (NoSuchMethodException e) {
            assertTrue(Runtime.version().feature() < 21, "virtual threads missing on JDK " + Runtime.version());
            return Optional.empty();
        }
    }

    /**
     * Installs an empty config through the agent's installer, as in a host: on JDK 21 and later that links virtual
     * threads to their carriers' stripes (JVM-wide, once).
     */
    static void installAgent() {
        AgentInstaller.in(ByteBuddyAgent.install()).install(ConfigParser.parse(""));
    }

    /**
     * {@link #installAgent()}, and the carriers must then be linked (JDK 21 and later only). Without it each virtual
     * thread takes a stripe by its own id, a fallback whose hit rate depends on how many virtual threads are alive at
     * once.
     */
    static void linkCarriers() {
        installAgent();
        assertTrue(Carriers.linked(), "carriers linked on JDK " + Runtime.version());
    }

    /** Whether {@code t} is a virtual thread ({@code Thread.isVirtual}, JDK 21 and later). */
    static boolean isVirtual(Thread t) throws ReflectiveOperationException {
        return (boolean) Thread.class.getMethod("isVirtual").invoke(t);
    }
}
