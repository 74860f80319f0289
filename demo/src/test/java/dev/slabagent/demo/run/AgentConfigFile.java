package dev.slabagent.demo.run;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** For tests: writes agent configs derived from a base config (for example the seed's) with some keys set or replaced. */
public final class AgentConfigFile {

    private AgentConfigFile() {
    }

    /**
     * Writes to {@code target} the keys of {@code base} with {@code overrides} applied, one {@code key=value} line
     * each in key order, and returns {@code target}.
     */
    public static Path derive(Path base, Map<String, String> overrides, Path target) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(base)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read agent config " + base, e);
        }
        Map<String, String> keys = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> keys.put(key, properties.getProperty(key)));
        keys.putAll(overrides);
        StringBuilder text = new StringBuilder("# derived from " + base + "\n");
        keys.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            return Files.writeString(target, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write agent config " + target, e);
        }
    }
}
