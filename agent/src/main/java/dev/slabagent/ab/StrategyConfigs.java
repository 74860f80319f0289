package dev.slabagent.ab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Writes, for one strategy, a copy of the user's config in which every cache uses that strategy. */
final class StrategyConfigs {

    /** A {@code slab.NAME.strategy} line of the user's config, replaced in the copy. */
    private static final Pattern STRATEGY_LINE = Pattern.compile("\\s*slab\\.[^.=:\\s]+\\.strategy\\s*[=:].*");

    private StrategyConfigs() {
    }

    /**
     * Writes {@code dir/STRATEGY.properties}: the config's lines without their strategy keys, then
     * {@code slab.NAME.strategy=STRATEGY} for every cache.
     *
     * @return the file written (absolute)
     */
    static Path write(AbPlan plan, String strategy, Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("# " + plan.config() + " with every cache's strategy " + strategy + " (written by ab)");
        for (String line : Files.readAllLines(plan.config(), StandardCharsets.UTF_8)) {
            if (!STRATEGY_LINE.matcher(line).matches()) {
                lines.add(line);
            }
        }
        plan.cacheNames().forEach(name -> lines.add("slab." + name + ".strategy=" + strategy));
        Files.createDirectories(dir);
        Path file = dir.resolve(strategy + ".properties").toAbsolutePath();
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }
}
