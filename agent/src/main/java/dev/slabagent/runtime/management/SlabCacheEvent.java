package dev.slabagent.runtime.management;

import dev.slabagent.runtime.SlabCache;
import dev.slabagent.runtime.SlabRegistry;
import dev.slabagent.runtime.SlabStats;
import dev.slabagent.runtime.debug.DebugCounts;
import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/**
 * The periodic JFR event with one cache's slabinfo figures, one event per cache per period (default 1 s).
 * Disabled unless a recording enables it: on a running JVM {@code jcmd PID JFR.start +dev.slabagent.SlabCache#enabled=true},
 * in code {@code recording.enable(SlabCacheEvent.NAME)}, from start-up a {@code .jfc} file with
 * {@code <event name="dev.slabagent.SlabCache"><setting name="enabled">true</setting></event>} given to
 * {@code -XX:StartFlightRecording:settings=FILE} (the {@code +event#enabled=true} shorthand of
 * {@code -XX:StartFlightRecording} does not reach an event registered after start-up, checked on JDK 17 and 25).
 * Read it with {@code jfr print --events dev.slabagent.SlabCache FILE}.
 */
@Name(SlabCacheEvent.NAME)
@Label("Slab Cache")
@Category("slab-agent")
@Description("Figures of one slab cache, as a slabinfo line shows them")
@Period("1 s")
@Enabled(false)
@StackTrace(false)
public final class SlabCacheEvent extends Event {

    /** The event's name, as {@code jfr print --events} takes it. */
    public static final String NAME = "dev.slabagent.SlabCache";

    @Label("Cache")
    String cache;

    @Label("Strategy")
    String strategy;

    @Label("Capacity")
    int capacity;

    @Label("Active Objects")
    long activeObjs;

    @Label("Objects")
    @Description("Active objects plus free objects held")
    long numObjs;

    @Label("Object Size")
    @DataAmount
    long objSize;

    @Label("Allocations")
    long allocs;

    @Label("Frees")
    long frees;

    @Label("Hits")
    long hits;

    @Label("Misses")
    long misses;

    @Label("Unserved")
    @Description("Requests the cache could not serve, counted apart from misses")
    long unserved;

    @Label("Double Frees")
    @Description("Slab debugging: releases of an object already free in the cache")
    long doubleFrees;

    @Label("Uses After Free")
    @Description("Slab debugging: field reads and writes and method calls on an object free in the cache")
    long useAfterFree;

    @Label("Leaked")
    @Description("Slab debugging: objects collected by the GC without being released")
    long leaked;

    @Label("State")
    @Description("Where the cache's release rule stands: verifying, live, off: hazard, or off (replaced or detached)")
    String state;

    @Label("Hazards")
    @Description("Releases of objects still in use (or released twice) that the verification found")
    long hazards;

    /** The periodic hook: commits one event per registered cache. */
    static void emitAll() {
        for (SlabCache c : SlabRegistry.all()) {
            SlabStats s = c.stats();
            SlabCacheEvent e = new SlabCacheEvent();
            e.cache = c.name();
            e.strategy = c.strategy().configName();
            e.capacity = c.capacity();
            e.activeObjs = s.activeObjs();
            e.numObjs = s.numObjs();
            e.objSize = s.objSize();
            e.allocs = s.allocs();
            e.frees = s.frees();
            e.hits = s.hits();
            e.misses = s.misses();
            e.unserved = c.unserved();
            DebugCounts d = s.debug() == null ? DebugCounts.NONE : s.debug();
            e.doubleFrees = d.doubleFrees();
            e.useAfterFree = d.useAfterFree();
            e.leaked = d.leaked();
            e.state = s.state();
            e.hazards = s.hazards();
            e.commit();
        }
    }
}
