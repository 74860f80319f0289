package dev.slabagent.runtime.debug;

import java.util.Locale;

/** Slab debugging of one cache ({@code debug=off|on|fail}), as SLUB_DEBUG does for the kernel. */
public enum DebugMode {
    /** No checks, nothing added to the bytecode (the default). */
    OFF,
    /** Double frees, uses after release and leaks are reported (SLF4J WARN and slabinfo counters); the program goes on. */
    ON,
    /** As {@link #ON}, and a double free or a use after release throws {@link IllegalStateException} at the faulty call. */
    FAIL;

    /** The mode as the config and the CLI write it: {@code off}, {@code on} or {@code fail}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a mode as the config and the CLI write it.
     *
     * @throws IllegalArgumentException naming the accepted values if {@code text} is none of them
     */
    public static DebugMode parse(String text) {
        for (DebugMode m : values()) {
            if (m.configName().equals(text)) {
                return m;
            }
        }
        throw new IllegalArgumentException("not off, on or fail: '" + text + "'");
    }
}
