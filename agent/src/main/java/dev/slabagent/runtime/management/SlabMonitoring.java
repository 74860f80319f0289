package dev.slabagent.runtime.management;

import dev.slabagent.runtime.SlabCache;
import dev.slabagent.runtime.SlabInfo;
import dev.slabagent.runtime.SlabRegistry;
import java.lang.management.ManagementFactory;
import java.util.List;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import jdk.jfr.FlightRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the caches visible from outside the JVM: the agent's MBean ({@link ManagementNames#AGENT}), one
 * {@link CacheMXBean} per registered cache (registered and unregistered with the cache), and the periodic
 * {@link SlabCacheEvent}. The agent's installer owns the JVM's one (the MBeans' names are per JVM), hands it its
 * {@link CacheSwitch} and calls {@link #install()} once (premain), or {@link #registerMBeans()} and then, on a thread of
 * its own, {@link #addEvent()} (first attach). Nothing here throws into the
 * caller: a JMX or JFR failure is logged as one line.
 */
public final class SlabMonitoring {

    private static final Logger LOG = LoggerFactory.getLogger(SlabMonitoring.class);
    private final Runnable jfrHook = SlabCacheEvent::emitAll;
    private final SlabRegistry.Listener mbeans = new SlabRegistry.Listener() {
        @Override
        public void registered(SlabCache cache) {
            register(new SnapshotMBean(new CacheMonitor(cache, SlabMonitoring.this::cacheSwitch)),
                    ManagementNames.cache(cache.name()));
        }

        @Override
        public void removed(SlabCache cache) {
            unregister(ManagementNames.cache(cache.name()));
        }
    };

    private volatile CacheSwitch cacheSwitch;
    private volatile String status = "installed";
    private volatile LastInstall lastInstall = new LastInstall(0, List.of(), List.of());
    private boolean installed;
    private boolean eventAdded;

    /**
     * Registers the caches' MBeans (now and as caches come), then the agent's MBean, then the JFR event; idempotent.
     * A client that finds the agent's MBean therefore finds every cache's too.
     */
    public synchronized void install() {
        registerMBeans();
        addEvent();
    }

    /** The MBeans of {@link #install()}, without the JFR event; idempotent. */
    public synchronized void registerMBeans() {
        if (installed) {
            return;
        }
        installed = true;
        SlabRegistry.addListener(mbeans);
        register(new AgentMonitor(), ManagementNames.AGENT);
    }

    /**
     * Adds the periodic JFR event once the MBeans are registered (not after an {@link #uninstall()}); idempotent.
     * JFR generates the event's handler on first registration: some 400 classes, about 0.3 s on a cold JVM.
     */
    public synchronized void addEvent() {
        if (!installed || eventAdded) {
            return;
        }
        eventAdded = true;
        try {
            FlightRecorder.addPeriodicEvent(SlabCacheEvent.class, jfrHook);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("slab-agent: JFR event {} not available: {}", SlabCacheEvent.NAME, e.toString());
        }
    }

    /** Unregisters everything {@link #install()} registered (detach, tests); the caches themselves stay. */
    public synchronized void uninstall() {
        if (!installed) {
            return;
        }
        installed = false;
        SlabRegistry.removeListener(mbeans);
        for (SlabCache c : SlabRegistry.all()) {
            mbeans.removed(c);
        }
        unregister(ManagementNames.AGENT);
        if (!eventAdded) {
            return;
        }
        eventAdded = false;
        try {
            FlightRecorder.removePeriodicEvent(jfrHook);
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("slab-agent: JFR hook not removed: {}", e.toString());
        }
    }

    /** Sets who switches caches on and off for the MBeans' {@code enable}/{@code disable}; {@code null} for nobody. */
    public void cacheSwitch(CacheSwitch s) {
        cacheSwitch = s;
    }

    /** The installer, or {@code null}. */
    public CacheSwitch cacheSwitch() {
        return cacheSwitch;
    }

    /** Sets the status line the agent's MBean shows (what start-up or the last attach did, or why it failed). */
    public void status(String line) {
        status = line;
    }

    /**
     * Records what an install (premain or attach) did, for the agent MBean's {@code Activated} and {@code Problems}
     * and the install count the CLI reads back after {@code loadAgent}.
     *
     * @param activated one line per cache switched on
     * @param problems  one line per config problem
     */
    public synchronized void installed(List<String> activated, List<String> problems) {
        lastInstall = new LastInstall(lastInstall.count() + 1, List.copyOf(activated), List.copyOf(problems));
    }

    /**
     * Records what the installed config has on now after caches were added to it (for a class loader that came later),
     * without counting an install.
     */
    public synchronized void updated(List<String> activated, List<String> problems) {
        lastInstall = new LastInstall(lastInstall.count(), List.copyOf(activated), List.copyOf(problems));
    }

    /** The last install's outcome, published as one value so that a reader never mixes two installs. */
    private record LastInstall(long count, List<String> activated, List<String> problems) {
    }

    /** The agent's MBean. */
    private final class AgentMonitor implements AgentMXBean {
        @Override
        public String getStatus() {
            return status;
        }

        @Override
        public String getSlabinfo() {
            return SlabInfo.format(SlabRegistry.allStats());
        }

        @Override
        public long getInstalls() {
            return lastInstall.count();
        }

        @Override
        public List<String> getActivated() {
            return lastInstall.activated();
        }

        @Override
        public List<String> getProblems() {
            return lastInstall.problems();
        }

        @Override
        public String detach() {
            CacheSwitch s = cacheSwitch;
            if (s == null) {
                throw new IllegalStateException("no slab-agent installer in this JVM");
            }
            return s.detach();
        }
    }

    private static void register(Object mbean, ObjectName name) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(mbean, name);
        } catch (JMException e) {
            LOG.warn("slab-agent: MBean {} not registered: {}", name, e.toString());
        }
    }

    private static void unregister(ObjectName name) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        } catch (JMException e) {
            LOG.warn("slab-agent: MBean {} not unregistered: {}", name, e.toString());
        }
    }
}
