package dev.slabagent.ab;

import java.util.Locale;

/**
 * A garbage collector to compare under ({@code --gc}); pooling's worth depends on it.
 *
 * @param name the name as given and reported ({@code G1}, {@code Parallel}, {@code Z}, ...), or {@code default}
 * @param flag the JVM flag that selects it, or {@code null} for the JVM's default collector
 */
public record Collector(String name, String flag) {

    /** The JVM's own choice: no flag added. */
    public static final Collector DEFAULT = new Collector("default", null);

    /**
     * Parses a collector's name.
     *
     * @param text {@code G1}, {@code Parallel}, {@code Serial}, {@code Z} or {@code Shenandoah} (any case)
     * @throws AbFailure naming the accepted names otherwise
     */
    public static Collector parse(String text) {
        String flag = switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "g1" -> "-XX:+UseG1GC";
            case "parallel" -> "-XX:+UseParallelGC";
            case "serial" -> "-XX:+UseSerialGC";
            case "z" -> "-XX:+UseZGC";
            case "shenandoah" -> "-XX:+UseShenandoahGC";
            default -> throw new AbFailure("--gc: unknown collector '" + text
                    + "' (one of G1, Parallel, Serial, Z, Shenandoah)");
        };
        return new Collector(text.trim(), flag);
    }
}
