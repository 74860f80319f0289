package dev.slabagent.agent.config;

import dev.slabagent.runtime.debug.DebugMode;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Parses the agent's properties file into an {@link AgentConfig}. Never throws: every problem
 * becomes one line in {@link AgentConfig#errors()} naming the key and what is wrong, a cache with a problem in any
 * of its keys is left out, and the rest of the config is kept.
 *
 * <pre>
 * slab.NAME.class=com.example.Packet       # or slab.NAME.array=byte[4096]
 * slab.NAME.release=com.example.Router#done:0
 * slab.NAME.when=ref==0                    # optional
 * slab.NAME.strategy=magazine              # new | locked | magazine
 * slab.NAME.capacity=1024
 * slab.NAME.preserve=callbacks             # object caches only
 * slab.NAME.zero=true                      # array caches only
 * slab.NAME.sites=com.example.io          # optional: this cache's own sites (default: sites below)
 * sites=com.example                        # optional, comma-separated package prefixes
 * report=exit                              # or off (the default)
 * debug=off                                # off | on | fail
 * </pre>
 */
public final class ConfigParser {

    private static final String CACHE_PREFIX = "slab.";

    /** The top-level keys; each has its case in the parser's switch. */
    private static final List<String> TOP_LEVEL_KEYS = List.of("sites", "report", "debug");

    /**
     * Every key the parser accepts, cache keys written {@code slab.NAME.KEY}: the list the README's key table must
     * match. A new key is one entry in {@link CacheBlock#KEYS} or {@link #TOP_LEVEL_KEYS}.
     */
    public static final List<String> KEYS = Stream.concat(
            CacheBlock.KEYS.stream().map(k -> CACHE_PREFIX + "NAME." + k), TOP_LEVEL_KEYS.stream()).toList();

    private static final String UNKNOWN_KEY = "unknown key (expected slab.NAME.KEY, "
            + String.join(", ", TOP_LEVEL_KEYS.subList(0, TOP_LEVEL_KEYS.size() - 1)) + " or "
            + TOP_LEVEL_KEYS.get(TOP_LEVEL_KEYS.size() - 1) + ")";

    private ConfigParser() {
    }

    /**
     * Parses the config named by the agent's argument ({@code -javaagent:slab-agent.jar=PATH}).
     *
     * @param agentArgs the path, or {@code null}/blank if none was given (an error)
     */
    public static AgentConfig fromAgentArgs(String agentArgs) {
        if (agentArgs == null || agentArgs.isBlank()) {
            return failed("no config file given (-javaagent:slab-agent.jar=PATH/TO/slab.properties)");
        }
        try {
            return load(Path.of(agentArgs.trim()));
        } catch (InvalidPathException e) {
            return failed(agentArgs.trim() + ": not a file path (" + e.getReason() + ")");
        }
    }

    /** Reads and parses a config file; a file that cannot be read gives one error and no caches. */
    public static AgentConfig load(Path file) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(RawProperties.read(in));
        } catch (NoSuchFileException e) {
            return failed(file + ": no such file");
        } catch (AccessDeniedException e) {
            return failed(file + ": cannot read (permission denied)");
        } catch (CharacterCodingException e) {
            return failed(file + ": not UTF-8 text");
        } catch (IOException | IllegalArgumentException e) {
            return failed(file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** Parses config text in properties syntax. */
    public static AgentConfig parse(String text) {
        try {
            return parse(RawProperties.read(new StringReader(text)));
        } catch (IOException | IllegalArgumentException e) {
            return failed("not a properties file (" + e.getMessage() + ")");
        }
    }

    private static AgentConfig failed(String problem) {
        return new AgentConfig(List.of(), List.of(), false, DebugMode.OFF,
                List.of(ConfigProblems.PREFIX + problem));
    }

    private static AgentConfig parse(RawProperties raw) {
        ConfigProblems problems = new ConfigProblems();
        Map<String, CacheBlock> blocks = new LinkedHashMap<>();
        List<String> sites = List.of();
        boolean report = false;
        DebugMode debug = DebugMode.OFF;
        for (String key : raw.repeatedKeys()) {
            CacheBlock block = cacheKey(key) == null ? null : block(blocks, key);
            if (block != null) {
                block.repeated(cacheKey(key));
            } else {
                problems.add(key, "given more than once (the last value is used)");
            }
        }
        for (Map.Entry<String, String> e : raw.entries().entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            if (cacheKey(key) == null && !TOP_LEVEL_KEYS.contains(key)) {
                problems.add(key, UNKNOWN_KEY);
                continue;
            }
            switch (key) {
                case "sites" -> sites = sites(value, problems);
                case "report" -> report = report(value, problems);
                case "debug" -> debug = debug(value, problems);
                default -> block(blocks, key).put(cacheKey(key), value);
            }
        }
        List<CacheSpec> caches = new ArrayList<>();
        for (CacheBlock block : blocks.values()) {
            CacheSpec spec = block.build(problems);
            if (spec != null) {
                caches.add(spec);
            }
        }
        return new AgentConfig(caches, sites, report, debug, problems.lines());
    }

    /** The {@code KEY} of {@code slab.NAME.KEY}, or {@code null} if {@code key} has no such shape. */
    private static String cacheKey(String key) {
        int dot = key.lastIndexOf('.');
        return key.startsWith(CACHE_PREFIX) && dot >= CACHE_PREFIX.length() ? key.substring(dot + 1) : null;
    }

    private static CacheBlock block(Map<String, CacheBlock> blocks, String key) {
        String name = key.substring(CACHE_PREFIX.length(), key.lastIndexOf('.'));
        return blocks.computeIfAbsent(name, CacheBlock::new);
    }

    private static List<String> sites(String value, ConfigProblems problems) {
        return SitePrefixes.parse(value, bad -> problems.add("sites", "not a package prefix: '" + bad + "' (entry ignored)"));
    }

    private static boolean report(String value, ConfigProblems problems) {
        if (!value.equals("exit") && !value.equals("off")) {
            problems.add("report", "not exit or off: '" + value + "'");
        }
        return value.equals("exit");
    }

    private static DebugMode debug(String value, ConfigProblems problems) {
        try {
            return DebugMode.parse(value);
        } catch (IllegalArgumentException e) {
            problems.add("debug", e.getMessage());
            return DebugMode.OFF;
        }
    }
}
