package dev.slabagent.agent.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Parses a {@code sites} value: comma-separated package prefixes or class names ({@code com.example, org.acme.Io}). */
final class SitePrefixes {

    private SitePrefixes() {
    }

    /** The well-formed entries of {@code value}; each malformed one is passed to {@code bad} and left out. */
    static List<String> parse(String value, Consumer<String> bad) {
        List<String> prefixes = new ArrayList<>();
        for (String s : value.split(",", -1)) {
            String prefix = s.trim();
            if (JavaNames.isDottedName(prefix)) {
                prefixes.add(prefix);
            } else {
                bad.accept(prefix);
            }
        }
        return prefixes;
    }
}
