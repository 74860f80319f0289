package dev.slabagent.agent.cli;

import dev.slabagent.runtime.SlabCache;
import dev.slabagent.runtime.SlabRegistry;
import dev.slabagent.runtime.Strategy;
import dev.slabagent.runtime.management.SlabMonitoring;
import java.io.IOException;

/**
 * A child JVM for the CLI tests: registers two caches with known figures, installs the monitoring unless told
 * {@code plain} (a JVM without the agent), prints {@code ready}, then waits until its stdin closes.
 */
public final class CacheHostMain {

    /** The table the test expects from {@code slabinfo} on this JVM. */
    static final String EXPECTED_SLABINFO = "# name active_objs num_objs objsize allocs frees hits misses\n"
            + "host_locked 5 6 24 13 8 3 10\n"
            + "host_magazine 0 1 16 1000 1000 999 1\n";

    private CacheHostMain() {
    }

    /** @param args {@code monitored} or {@code plain} */
    public static void main(String[] args) throws IOException {
        SlabCache locked = SlabCache.create("host_locked", Strategy.LOCKED, 4);
        locked.objectSize(24);
        Object[] out = new Object[13];
        for (int i = 0; i < 10; i++) {
            out[i] = allocate(locked);
        }
        for (int i = 0; i < 8; i++) {
            locked.free(out[i]);
        }
        for (int i = 10; i < 13; i++) {
            out[i] = allocate(locked);
        }
        SlabCache magazine = SlabCache.create("host_magazine", Strategy.MAGAZINE, 64);
        magazine.objectSize(16);
        for (int i = 0; i < 1000; i++) {
            magazine.free(allocate(magazine));
        }
        SlabRegistry.register(locked);
        SlabRegistry.register(magazine);
        if (!"plain".equals(args[0])) {
            new SlabMonitoring().install();
        }
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for the test to close our stdin
        }
    }

    private static Object allocate(SlabCache c) {
        Object o = c.allocate();
        return o != null ? o : new Object();
    }
}
