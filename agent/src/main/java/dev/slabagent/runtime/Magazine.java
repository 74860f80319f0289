package dev.slabagent.runtime;

import java.util.Arrays;

/** A small bounded stack of free objects ("rounds"); owned by one thread or by the depot, never shared. */
final class Magazine {

    private final Object[] rounds;
    private int count;

    Magazine(int size) {
        this.rounds = new Object[size];
    }

    boolean isEmpty() {
        return count == 0;
    }

    boolean isFull() {
        return count == rounds.length;
    }

    /** Rounds held; may be read racily by a thread computing statistics. */
    int count() {
        return count;
    }

    void push(Object o) {
        rounds[count++] = o;
    }

    Object pop() {
        Object o = rounds[--count];
        rounds[count] = null;
        return o;
    }

    /** Drops every round, so the GC can take them. */
    void clear() {
        Arrays.fill(rounds, 0, count, null);
        count = 0;
    }
}
