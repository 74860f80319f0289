package dev.slabagent.runtime.verify;

import java.util.Locale;

/** What a hazard found by sampling a live cache does ({@code slab.NAME.onhazard}). */
public enum OnHazard {
    /** Switch the cache off: its sites construct with {@code new}, its release points free nothing (the default). */
    OFF,
    /** Only report it: one WARN line; the cache stays live. */
    REPORT;

    /** The config's spelling. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code off} or {@code report}.
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public static OnHazard parse(String v) {
        for (OnHazard h : values()) {
            if (h.configName().equals(v)) {
                return h;
            }
        }
        throw new IllegalArgumentException("not off or report: '" + v + "'");
    }
}
