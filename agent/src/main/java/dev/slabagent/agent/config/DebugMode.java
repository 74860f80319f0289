package dev.slabagent.agent.config;

/** Slab debugging ({@code debug=off|on|fail}, issue 7): poison reused objects and check frees. */
public enum DebugMode {
    /** No checks (the default). */
    OFF,
    /** Checks and reports problems, the program goes on. */
    ON,
    /** Checks and fails the offending call on a problem. */
    FAIL
}
