package dev.slabagent.demo.bench.attach;

import java.lang.reflect.Method;

/**
 * Polls, every 100 us, for the first hit of a slab cache that a coming attach registers: looked up by reflection,
 * since the agent's runtime classes reach the system class path only with the attach. A cache object already
 * registered when the watch starts (one from before a detach) does not count.
 */
final class FirstHit {

    private static final String REGISTRY = "dev.slabagent.runtime.SlabRegistry";
    private static final String CACHE = "dev.slabagent.runtime.SlabCache";

    private final String name;
    private final Object before;
    private volatile long at;

    private FirstHit(String name) {
        this.name = name;
        this.before = cache();
    }

    /** Starts watching cache {@code name} from another thread. */
    static FirstHit watch(String name) {
        FirstHit watch = new FirstHit(name);
        Thread poller = new Thread(watch::poll, "first-hit-" + name);
        poller.setDaemon(true);
        poller.start();
        return watch;
    }

    /** The nanoTime at which the hit was first seen, waiting up to {@code timeoutMillis}; 0 if none was. */
    long await(long timeoutMillis) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (at == 0 && System.currentTimeMillis() < end) {
            Thread.sleep(1);
        }
        return at;
    }

    private void poll() {
        try {
            while (true) {
                Object cache = cache();
                if (cache != null && cache != before && hits(cache) > 0) {
                    at = System.nanoTime();
                    return;
                }
                Thread.sleep(0, 100_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the agent's runtime changed: " + e, e);
        }
    }

    private Object cache() {
        try {
            Class<?> registry = Class.forName(REGISTRY, true, ClassLoader.getSystemClassLoader());
            return registry.getMethod("get", String.class).invoke(null, name);
        } catch (ClassNotFoundException e) {
            return null; // not attached yet
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the agent's runtime changed: " + e, e);
        }
    }

    private static long hits(Object cache) throws ReflectiveOperationException {
        Method stats = Class.forName(CACHE, true, ClassLoader.getSystemClassLoader()).getMethod("stats");
        Object figures = stats.invoke(cache);
        return (long) figures.getClass().getMethod("hits").invoke(figures);
    }
}
