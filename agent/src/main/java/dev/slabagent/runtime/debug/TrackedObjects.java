package dev.slabagent.runtime.debug;

import dev.slabagent.runtime.WeakIdentityMap;
import java.util.List;
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

    private final WeakIdentityMap<Track> tracks = new WeakIdentityMap<>();

    /** What is known of {@code o}, or {@code null} if it is not followed (e.g. allocated before debugging began). */
    Track get(Object o) {
        return tracks.get(o);
    }

    /** Records what {@code o} is now. */
    void put(Object o, Track track) {
        tracks.put(o, track);
    }

    /**
     * Records {@code o} as free with {@code release}, in one atomic step, unless it is free already.
     *
     * @return {@code null} if {@code o} is now free by this call; the earlier release's track if it was free already
     */
    Track markFree(Object o, Track release) {
        while (true) {
            Track old = tracks.get(o);
            if (old == null) {
                if (tracks.putIfAbsent(o, release) == null) {
                    return null;
                }
            } else if (old.free()) {
                return old;
            } else if (tracks.replace(o, old, release)) {
                return null;
            }
        }
    }

    /** Forgets every object the GC has collected, handing the track of each one that was still out to {@code leaked}. */
    void collect(Consumer<Track> leaked) {
        tracks.expunge(t -> {
            if (!t.free()) {
                leaked.accept(t);
            }
        });
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
        return tracks.reachableValues().filter(t -> !t.free());
    }
}
