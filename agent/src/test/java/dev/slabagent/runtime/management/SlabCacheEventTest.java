package dev.slabagent.runtime.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slabagent.runtime.SlabCache;
import dev.slabagent.runtime.SlabRegistry;
import dev.slabagent.runtime.Strategy;
import dev.slabagent.runtime.debug.DebugMode;
import dev.slabagent.runtime.debug.SlabDebug;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlabCacheEventTest {

    private final SlabMonitoring monitoring = new SlabMonitoring();

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() {
        monitoring.install();
        SlabCache c = SlabCache.create("jfr_magazine", Strategy.MAGAZINE, 64);
        c.objectSize(32);
        SlabRegistry.register(c);
        for (int i = 0; i < 100; i++) {
            Object o = c.allocate();
            c.free(o != null ? o : new Object());
        }
        SlabDebug debug = new SlabDebug("jfr_magazine", List.of());
        debug.set(DebugMode.ON, true);
        c.debug(debug);
        Object freed = new Object();
        debug.released(freed);
        debug.accessed(freed, "read of a field");
        debug.accessed(freed, "call of a method");
    }

    @AfterEach
    void tearDown() {
        SlabRegistry.remove("jfr_magazine");
        monitoring.uninstall();
    }

    private List<RecordedEvent> record(boolean enableSlabEvent) throws Exception {
        Path file = dir.resolve("slab-" + enableSlabEvent + ".jfr");
        try (Recording r = new Recording()) {
            if (enableSlabEvent) {
                r.enable(SlabCacheEvent.NAME).withPeriod(Duration.ofMillis(100));
            }
            r.enable("jdk.CPULoad").withPeriod(Duration.ofMillis(100));
            r.start();
            Thread.sleep(600);
            r.stop();
            r.dump(file);
        }
        return RecordingFile.readAllEvents(file);
    }

    @Test
    void aRecordingThatEnablesTheEventGetsEachCachesFigures() throws Exception {
        List<RecordedEvent> slab = record(true).stream()
                .filter(e -> e.getEventType().getName().equals(SlabCacheEvent.NAME))
                .filter(e -> e.getString("cache").equals("jfr_magazine"))
                .toList();
        assertTrue(slab.size() >= 2, "periodic: several events in 600 ms at a 100 ms period, got " + slab.size());
        RecordedEvent e = slab.get(slab.size() - 1);
        assertEquals("magazine", e.getString("strategy"));
        assertEquals(64, e.getInt("capacity"));
        assertEquals(0, e.getLong("activeObjs"));
        assertEquals(1, e.getLong("numObjs"));
        assertEquals(32, e.getLong("objSize"));
        assertEquals(100, e.getLong("allocs"));
        assertEquals(100, e.getLong("frees"));
        assertEquals(99, e.getLong("hits"));
        assertEquals(1, e.getLong("misses"));
        assertEquals(0, e.getLong("unserved"));
        assertEquals(0, e.getLong("doubleFrees"));
        assertEquals(2, e.getLong("useAfterFree"));
        assertEquals(0, e.getLong("leaked"));
    }

    @Test
    void theEventIsOffUnlessTheRecordingEnablesIt() throws Exception {
        List<RecordedEvent> events = record(false);
        assertFalse(events.isEmpty(), "the recording itself works (jdk.CPULoad)");
        assertTrue(events.stream().noneMatch(e -> e.getEventType().getName().equals(SlabCacheEvent.NAME)));
    }
}
