package dev.slabagent.runtime;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A concurrent map from objects, by identity and without keeping them alive, to what the agent knows of them (slab
 * debugging's tracks, verification's watched releases). An entry whose object the GC collected stays until
 * {@link #expunge} hands its value over.
 *
 * @param <V> what is known of each object
 */
public final class WeakIdentityMap<V> {

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
    private final ConcurrentHashMap<Key, V> entries = new ConcurrentHashMap<>();

    /** What is known of {@code o}, or {@code null}. */
    public V get(Object o) {
        return entries.get(new Probe(o));
    }

    /** Records {@code v} for {@code o}, replacing what was known. */
    public void put(Object o, V v) {
        if (entries.replace(new Probe(o), v) == null) {
            entries.put(new WeakKey(o, collected), v);
        }
    }

    /** Records {@code v} for {@code o} unless something is known of it; returns what was known, or {@code null}. */
    public V putIfAbsent(Object o, V v) {
        return entries.putIfAbsent(new WeakKey(o, collected), v);
    }

    /** Replaces {@code expected} by {@code v} for {@code o} in one atomic step; false if {@code o} had another value. */
    public boolean replace(Object o, V expected, V v) {
        return entries.replace(new Probe(o), expected, v);
    }

    /** Forgets {@code o}; returns what was known of it, or {@code null}. */
    public V remove(Object o) {
        return entries.remove(new Probe(o));
    }

    /** Entries, collected ones included until {@link #expunge}d. */
    public int size() {
        return entries.size();
    }

    /** Forgets every object the GC has collected, handing each one's value to {@code collectedValue}. */
    public void expunge(Consumer<V> collectedValue) {
        for (Object key; (key = collected.poll()) != null; ) {
            V v = entries.remove((Key) key);
            if (v != null) {
                collectedValue.accept(v);
            }
        }
    }

    /** The values of the objects not collected yet. */
    public Stream<V> reachableValues() {
        return entries.entrySet().stream().filter(e -> e.getKey().referent() != null).map(Map.Entry::getValue);
    }

    /** Calls {@code action} with every object not collected yet and its value. */
    public void forEachReachable(BiConsumer<Object, V> action) {
        entries.forEach((k, v) -> {
            Object o = k.referent();
            if (o != null) {
                action.accept(o, v);
            }
        });
    }
}
