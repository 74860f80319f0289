package dev.slabagent.agent.config;

import java.util.ArrayList;
import java.util.List;

/** Collects the one-line problems of a config, each as {@code slab-agent: config: WHERE: WHAT}. */
final class ConfigProblems {

    /** Start of every problem line. */
    static final String PREFIX = "slab-agent: config: ";

    private final List<String> lines = new ArrayList<>();

    void add(String where, String what) {
        lines.add(PREFIX + where + ": " + what);
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }

    void addAll(ConfigProblems other) {
        lines.addAll(other.lines);
    }

    List<String> lines() {
        return lines;
    }
}
