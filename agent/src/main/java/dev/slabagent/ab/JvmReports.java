package dev.slabagent.ab;

import dev.slabagent.agent.RunReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@link RunReport}s the JVMs of one run wrote into its folder and sums them: a command may start several
 * JVMs (a script, a build tool and its forks), and all of them count.
 */
final class JvmReports {

    /**
     * The sums over a run's JVMs.
     *
     * @param jvms       the reports read
     * @param gcCount    GC pauses
     * @param gcMillis   GC pause time in ms
     * @param allocBytes bytes allocated
     * @param caches     one record per configured cache, in the config's order
     */
    record Totals(int jvms, long gcCount, long gcMillis, long allocBytes, List<CacheRecord> caches) {
    }

    private JvmReports() {
    }

    /**
     * Reads every report in {@code dir}.
     *
     * @param dir        the run's report folder (may not exist: no JVM reported)
     * @param cacheNames the configured caches (empty for a baseline run)
     * @throws IOException if a report cannot be read
     */
    static Totals read(Path dir, List<String> cacheNames) throws IOException {
        Map<String, CacheRecord> caches = new LinkedHashMap<>();
        cacheNames.forEach(name -> caches.put(name, null));
        int jvms = 0;
        long[] sums = new long[3];
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, RunReport.FILE_PREFIX + "*.txt")) {
                for (Path file : files) {
                    jvms++;
                    readOne(Files.readAllLines(file, StandardCharsets.UTF_8), sums, caches);
                }
            }
        }
        List<CacheRecord> records = new ArrayList<>();
        caches.forEach((name, record) -> records.add(record != null ? record
                : new CacheRecord(name, 0, 0, CacheRecord.NOT_INSTALLED, 0)));
        return new Totals(jvms, sums[0], sums[1], sums[2], records);
    }

    /** Adds one report: its {@code jvm} line to {@code sums}, its slabinfo rows to {@code caches}. */
    private static void readOne(List<String> lines, long[] sums, Map<String, CacheRecord> caches) {
        List<String> header = List.of();
        for (String line : lines) {
            if (line.startsWith("jvm ")) {
                Map<String, String> fields = keyValues(line);
                sums[0] += number(fields.get("gc_count"));
                sums[1] += number(fields.get("gc_ms"));
                sums[2] += number(fields.get("alloc_bytes"));
            } else if (line.startsWith("# name ")) {
                header = Arrays.asList(line.substring(2).split(" "));
            } else if (!line.isBlank() && !line.startsWith("#") && !header.isEmpty()) {
                CacheRecord row = row(header, line.split(" "));
                if (caches.containsKey(row.name())) {
                    caches.merge(row.name(), row, CacheRecord::plus);
                }
            }
        }
    }

    /**
     * One slabinfo row by its header's column names. A {@code state} column whose value holds blanks
     * ({@code off: hazard}) takes the row's surplus tokens.
     */
    static CacheRecord row(List<String> header, String[] tokens) {
        int stateAt = header.indexOf("state");
        int surplus = Math.max(0, tokens.length - header.size());
        String state = stateAt < 0 ? "live"
                : String.join(" ", Arrays.copyOfRange(tokens, stateAt, stateAt + 1 + surplus));
        return new CacheRecord(tokens[0], column(header, tokens, "allocs", stateAt, surplus),
                column(header, tokens, "hits", stateAt, surplus), state,
                column(header, tokens, "hazards", stateAt, surplus));
    }

    private static long column(List<String> header, String[] tokens, String name, int stateAt, int surplus) {
        int at = header.indexOf(name);
        if (at < 0) {
            return 0;
        }
        int index = stateAt >= 0 && at > stateAt ? at + surplus : at;
        return index < tokens.length ? number(tokens[index]) : 0;
    }

    private static Map<String, String> keyValues(String line) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String token : line.split(" ")) {
            int eq = token.indexOf('=');
            if (eq > 0) {
                fields.put(token.substring(0, eq), token.substring(eq + 1));
            }
        }
        return fields;
    }

    private static long number(String text) {
        try {
            return text == null ? 0 : Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
