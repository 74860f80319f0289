package dev.slabagent.runtime.debug;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The objects of one cache that slab debugging follows, by identity and without keeping them alive: each is either
 * handed out (with its allocation stack) or free (with its release stack). An object handed out that the GC
 * collects is a leak; one collected while free was simply dropped by the cache.
 */
final class TrackedObjects {

    /**
     * What the debugger knows of one object.
     *
     * @param free  whether it is free in the cache (else handed out)
     * @param type  its class
     * @param stack where it was released ({@code free}) or allocated
     */
    record Track(boolean free, Class<?> type, CallStack stack) {
    }

    /** A map key that finds an object by identity: the weak key stored, or a probe for a lookup. */
    private interface Key {
        Object referent();
    }

    private static final class WeakKey extends WeakReference<Object> implements Key {
        private final int hash;

        WeakKey(Object o, ReferenceQueue<Object> queue) {
            super(o, queue);
            hash = System.identityHashCode(o);
        }

        @Override
        public Object referent() {
            return get();
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (other == this) {
                return true;
            }
            Object o = get();
            return o != null && other instanceof Key k && k.referent() == o;
        }
    }

    private record Probe(Object referent) implements Key {
        @Override
        public int hashCode() {
            return System.identityHashCode(referent);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key k && k.referent() == referent;
        }
    }

    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
    private final ConcurrentHashMap<Key, Track> tracks = new ConcurrentHashMap<>();

    /** What is known of {@code o}, or {@code null} if it is not followed (e.g. allocated before debugging began). */
    Track get(Object o) {
        return tracks.get(new Probe(o));
    }

    /** Records what {@code o} is now. */
    void put(Object o, Track track) {
        if (tracks.replace(new Probe(o), track) == null) {
            tracks.put(new WeakKey(o, collected), track);
        }
    }

    /**
     * Records {@code o} as free with {@code release}, in one atomic step, unless it is free already.
     *
     * @return {@code null} if {@code o} is now free by this call; the earlier release's track if it was free already
     */
    Track markFree(Object o, Track release) {
        Probe probe = new Probe(o);
        while (true) {
            Track old = tracks.get(probe);
            if (old == null) {
                if (tracks.putIfAbsent(new WeakKey(o, collected), release) == null) {
                    return null;
                }
            } else if (old.free()) {
                return old;
            } else if (tracks.replace(probe, old, release)) {
                return null;
            }
        }
    }

    /** Forgets every object the GC has collected, handing the track of each one that was still out to {@code leaked}. */
    void collect(Consumer<Track> leaked) {
        for (Object key; (key = collected.poll()) != null; ) {
            Track t = tracks.remove((Key) key);
            if (t != null && !t.free()) {
                leaked.accept(t);
            }
        }
    }

    /** Objects handed out and still reachable: in flight, not leaked. */
    long inFlight() {
        return inFlightTracks().count();
    }

    /** The tracks of up to {@code max} objects in flight. */
    List<Track> inFlight(int max) {
        return inFlightTracks().limit(max).toList();
    }

    private Stream<Track> inFlightTracks() {
        return tracks.entrySet().stream().filter(e -> !e.getValue().free() && e.getKey().referent() != null)
                .map(Map.Entry::getValue);
    }
}
