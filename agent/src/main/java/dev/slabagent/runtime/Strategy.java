package dev.slabagent.runtime;

import java.util.Locale;

/** How a cache keeps its free objects; chosen per cache by {@code slab.NAME.strategy}. */
public enum Strategy {
    /** Keeps nothing: every allocation is a miss and calls {@code new}; measures the agent's own overhead. */
    NEW,
    /** One shared free list under one lock, like the 2003 SLAB's slow path. */
    LOCKED,
    /** A fixed CPU layer of magazines in front of a shared depot of full and empty magazines (Bonwick 2001); no lock on the fast path. */
    MAGAZINE;

    /**
     * Parses a strategy as written in the config.
     *
     * @param text {@code new}, {@code locked} or {@code magazine} (case-insensitive, surrounding blanks ignored)
     * @return the strategy
     * @throws IllegalArgumentException naming the accepted values if {@code text} is none of them
     */
    public static Strategy parse(String text) {
        String key = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        for (Strategy s : values()) {
            if (s.name().equals(key)) {
                return s;
            }
        }
        throw new IllegalArgumentException("not one of new, locked, magazine: '" + text + "'");
    }

    /** The name as written in the config ({@code new}, {@code locked}, {@code magazine}). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
