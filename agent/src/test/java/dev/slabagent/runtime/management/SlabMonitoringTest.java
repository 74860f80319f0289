package dev.slabagent.runtime.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slabagent.runtime.SlabCache;
import dev.slabagent.runtime.SlabRegistry;
import dev.slabagent.runtime.Strategy;
import dev.slabagent.runtime.debug.DebugMode;
import dev.slabagent.runtime.debug.SlabDebug;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlabMonitoringTest {

    private final SlabMonitoring monitoring = new SlabMonitoring();

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final List<String> switched = new ArrayList<>();
    private final Set<String> enabled = new HashSet<>();

    /** Records the calls the MBeans make, as the installer would receive them. */
    private final CacheSwitch recorder = new CacheSwitch() {
        @Override
        public String enable(String name) {
            switched.add("enable " + name);
            enabled.add(name);
            return name + ": enabled";
        }

        @Override
        public String disable(String name) {
            if (!enabled.remove(name)) {
                throw new IllegalStateException(name + ": already disabled");
            }
            switched.add("disable " + name);
            return name + ": disabled";
        }

        @Override
        public boolean isEnabled(String name) {
            return enabled.contains(name);
        }

        @Override
        public String debug(String name, DebugMode mode) {
            switched.add("debug " + mode.configName() + " " + name);
            return name + ": debug " + mode.configName();
        }

        @Override
        public String detach() {
            switched.add("detach");
            enabled.clear();
            return "detached";
        }
    };

    @BeforeEach
    void install() {
        monitoring.install();
    }

    @AfterEach
    void cleanUp() {
        SlabRegistry.remove("mon_locked");
        monitoring.cacheSwitch(null);
        monitoring.uninstall();
    }

    @Test
    void eachCacheHasAnMBeanWithItsSlabinfoFigures() throws Exception {
        SlabCache c = SlabCache.create("mon_locked", Strategy.LOCKED, 4);
        c.objectSize(24);
        SlabRegistry.register(c);
        for (int i = 0; i < 6; i++) {
            c.free(new Object());
        }
        Object o = c.allocate();
        c.free(o);
        c.free(o);
        c.allocate();
        c.countUnserved();
        ObjectName name = new ObjectName("slab.agent:type=Cache,name=mon_locked");
        assertTrue(server.isRegistered(name));
        CacheMXBean bean = JMX.newMXBeanProxy(server, name, CacheMXBean.class);
        assertEquals("mon_locked", bean.getName());
        assertEquals("locked", bean.getStrategy());
        assertEquals(4, bean.getCapacity());
        assertEquals(0, bean.getActiveObjs(), "6 frees and 1 alloc: active floors at 0");
        assertEquals(3, bean.getNumObjs());
        assertEquals(24, bean.getObjSize());
        assertEquals(2, bean.getAllocs());
        assertEquals(7, bean.getFrees());
        assertEquals(2, bean.getHits());
        assertEquals(0, bean.getMisses());
        assertEquals(1, bean.getUnserved());
        assertEquals(1, bean.getRefusedFrees(), "the second free of the object just freed");
        assertEquals(2L, server.getAttribute(name, "Hits"), "plain JMX clients see the same attributes");
        CacheStats stats = bean.getStats();
        assertEquals(List.of("mon_locked", 0L, 3L, 24L, 2L, 7L, 2L, 0L, "live", 0L),
                List.of(stats.getName(), stats.getActiveObjs(), stats.getNumObjs(), stats.getObjSize(),
                        stats.getAllocs(), stats.getFrees(), stats.getHits(), stats.getMisses(), stats.getState(),
                        stats.getHazards()), "the Stats composite is the slabinfo row");
    }

    @Test
    void aReadOfSeveralAttributesAndTheStatsCompositeAreEachOneSnapshot() throws Exception {
        SlabCache c = SlabCache.create("mon_locked", Strategy.LOCKED, 4);
        SlabRegistry.register(c);
        ObjectName name = new ObjectName("slab.agent:type=Cache,name=mon_locked");
        CacheMXBean bean = JMX.newMXBeanProxy(server, name, CacheMXBean.class);
        AtomicBoolean stop = new AtomicBoolean();
        Thread churn = new Thread(() -> {
            while (!stop.get()) {
                c.free(c.allocate() == null ? new Object() : new Object());
            }
        });
        churn.start();
        try {
            for (int i = 0; i < 2_000; i++) {
                List<Long> read = server.getAttributes(name, new String[] {"Allocs", "Hits", "Misses"}).asList()
                        .stream().map(a -> (Long) a.getValue()).toList();
                assertEquals(read.get(0), read.get(1) + read.get(2), "one read, one snapshot: " + read);
                CacheStats stats = bean.getStats();
                assertEquals(stats.getAllocs(), stats.getHits() + stats.getMisses());
            }
        } finally {
            stop.set(true);
            churn.join();
        }
    }

    @Test
    void enableAndDisableDelegateToTheInstallersSwitch() throws Exception {
        SlabRegistry.register(SlabCache.create("mon_locked", Strategy.LOCKED, 4));
        ObjectName name = ManagementNames.cache("mon_locked");
        CacheMXBean bean = JMX.newMXBeanProxy(server, name, CacheMXBean.class);
        assertTrue(bean.isEnabled(), "without an installer a registered cache is in use");
        RuntimeMBeanException none = assertThrows(RuntimeMBeanException.class, () -> server.invoke(name, "disable", null, null));
        assertEquals("mon_locked: cannot be switched: no slab-agent installer in this JVM", none.getCause().getMessage());

        monitoring.cacheSwitch(recorder);
        assertFalse(bean.isEnabled());
        assertEquals("mon_locked: enabled", server.invoke(name, "enable", null, null));
        assertTrue(bean.isEnabled());
        assertEquals("mon_locked: disabled", bean.disable());
        IllegalStateException again = assertThrows(IllegalStateException.class, bean::disable);
        assertEquals("mon_locked: already disabled", again.getMessage());
        assertEquals(List.of("enable mon_locked", "disable mon_locked"), switched);
    }

    @Test
    void debugOperationsDelegateToTheInstallersSwitchAndCountersAreAttributes() throws Exception {
        SlabCache c = SlabCache.create("mon_locked", Strategy.LOCKED, 4);
        SlabRegistry.register(c);
        ObjectName name = ManagementNames.cache("mon_locked");
        CacheMXBean bean = JMX.newMXBeanProxy(server, name, CacheMXBean.class);
        assertEquals("off", bean.getDebug());
        assertEquals(0L, server.getAttribute(name, "DoubleFrees"));
        monitoring.cacheSwitch(recorder);
        assertEquals("mon_locked: debug fail", server.invoke(name, "debug", new Object[] {"fail"},
                new String[] {String.class.getName()}));
        assertEquals("mon_locked: debug on", bean.enableDebug());
        assertEquals("mon_locked: debug off", bean.disableDebug());
        IllegalStateException bad = assertThrows(IllegalStateException.class, () -> bean.debug("loud"));
        assertEquals("mon_locked: debug mode not off, on or fail: 'loud'", bad.getMessage());
        assertEquals(List.of("debug fail mon_locked", "debug on mon_locked", "debug off mon_locked"), switched);

        SlabDebug debug = new SlabDebug("mon_locked", List.of());
        debug.set(DebugMode.ON, true);
        c.debug(debug);
        Object o = new Object();
        debug.released(o);
        assertFalse(debug.releasing(o), "a second release is a double free");
        assertEquals("on", bean.getDebug());
        assertEquals(1, bean.getDoubleFrees());
        assertEquals(0, bean.getUseAfterFree());
        assertEquals(0, bean.getLeaked());
        assertTrue(bean.getDebugReport().startsWith("slab-agent: mon_locked: debug on: 1 double frees, 0 uses after free"),
                bean.getDebugReport());
    }

    @Test
    void theMBeanComesAndGoesWithTheCache() {
        ObjectName name = ManagementNames.cache("mon_locked");
        assertFalse(server.isRegistered(name));
        SlabRegistry.register(SlabCache.create("mon_locked", Strategy.LOCKED, 4));
        assertTrue(server.isRegistered(name));
        SlabRegistry.register(SlabCache.create("mon_locked", Strategy.MAGAZINE, 4));
        assertEquals("magazine", JMX.newMXBeanProxy(server, name, CacheMXBean.class).getStrategy(),
                "a replaced cache's MBean shows the new cache");
        SlabRegistry.remove("mon_locked");
        assertFalse(server.isRegistered(name));
    }

    @Test
    void theAgentMBeanShowsStatusAndSlabinfo() {
        SlabCache c = SlabCache.create("mon_locked", Strategy.LOCKED, 4);
        SlabRegistry.register(c);
        c.allocate();
        monitoring.status("slab-agent: 1 cache active");
        AgentMXBean agent = JMX.newMXBeanProxy(server, ManagementNames.AGENT, AgentMXBean.class);
        assertEquals("slab-agent: 1 cache active", agent.getStatus());
        assertTrue(agent.getSlabinfo().startsWith("# name active_objs num_objs objsize allocs frees hits misses\n"));
        assertTrue(agent.getSlabinfo().contains("\nmon_locked 1 1 0 1 0 0 1\n"), agent.getSlabinfo());
    }

    @Test
    void theAgentMBeanReportsTheLastInstallAndDetachesThroughTheSwitch() {
        AgentMXBean agent = JMX.newMXBeanProxy(server, ManagementNames.AGENT, AgentMXBean.class);
        long before = agent.getInstalls();
        monitoring.installed(List.of("a: on (strategy magazine, 1 classes retransformed)"), List.of("slab-agent: bad b"));
        assertEquals(before + 1, agent.getInstalls());
        assertEquals(List.of("a: on (strategy magazine, 1 classes retransformed)"), agent.getActivated());
        assertEquals(List.of("slab-agent: bad b"), agent.getProblems());
        IllegalStateException none = assertThrows(IllegalStateException.class, agent::detach);
        assertEquals("no slab-agent installer in this JVM", none.getMessage());
        monitoring.cacheSwitch(recorder);
        assertEquals("detached", agent.detach());
        assertEquals(List.of("detach"), switched);
    }

    @Test
    void uninstallRemovesEveryMBeanButKeepsTheCaches() {
        SlabRegistry.register(SlabCache.create("mon_locked", Strategy.LOCKED, 4));
        monitoring.uninstall();
        assertFalse(server.isRegistered(ManagementNames.AGENT));
        assertFalse(server.isRegistered(ManagementNames.cache("mon_locked")));
        assertEquals("mon_locked", SlabRegistry.get("mon_locked").name());
        monitoring.install();
        assertTrue(server.isRegistered(ManagementNames.cache("mon_locked")), "install registers caches already there");
    }

    @Test
    void cacheNamesThatJmxWouldMisreadAreQuoted() throws Exception {
        assertEquals(new ObjectName("slab.agent:type=Cache,name=kmalloc-4096"), ManagementNames.cache("kmalloc-4096"));
        assertEquals("a,b=c", ObjectName.unquote(ManagementNames.cache("a,b=c").getKeyProperty("name")));
    }
}
