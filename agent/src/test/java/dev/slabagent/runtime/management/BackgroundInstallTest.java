package dev.slabagent.runtime.management;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slabagent.runtime.SlabCache;
import dev.slabagent.runtime.SlabRegistry;
import dev.slabagent.runtime.Strategy;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What premain relies on: {@link SlabMonitoring#installInBackground()} keeps JMX and JFR off the calling thread. */
class BackgroundInstallTest {

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @AfterEach
    void cleanUp() {
        SlabRegistry.remove("bg_locked");
        SlabMonitoring.uninstall();
    }

    @Test
    void returnsAtOnceAndRegistersTheCachesBeforeTheAgentMBean() throws Exception {
        SlabMonitoring.uninstall();
        SlabCache cache = SlabCache.create("bg_locked", Strategy.LOCKED, 4);
        SlabRegistry.register(cache);
        // install() is static synchronized: while this thread holds the lock, only another thread can be waiting in it
        synchronized (SlabMonitoring.class) {
            SlabMonitoring.installInBackground();
            assertFalse(server.isRegistered(ManagementNames.AGENT), "nothing is registered on the calling thread");
            assertFalse(server.isRegistered(ManagementNames.cache("bg_locked")));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!server.isRegistered(ManagementNames.AGENT) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(server.isRegistered(ManagementNames.AGENT), "the background thread registered the agent's MBean");
        assertTrue(server.isRegistered(ManagementNames.cache("bg_locked")),
                "a client that finds the agent's MBean finds the caches' too");
    }
}
