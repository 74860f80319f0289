package dev.slabagent.demo.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/** One cache's line of the slabinfo table the agent prints. */
public record SlabRow(String name, long activeObjs, long numObjs, long objSize,
                      long allocs, long frees, long hits, long misses) {

    /** The slabinfo header line (a contract of the agent). */
    public static final String HEADER = "# name active_objs num_objs objsize allocs frees hits misses";

    /**
     * The rows of every slabinfo table in {@code text}: the lines that follow a {@link #HEADER} line and have the
     * table's eight standard columns (a name and seven decimal numbers; debug and verification columns may follow).
     */
    public static List<SlabRow> parseAll(String text) {
        List<SlabRow> rows = new ArrayList<>();
        tables(text, (line, row) -> row.ifPresent(rows::add));
        return rows;
    }

    /** The last slabinfo table in {@code text} as printed: its header line and its rows, or nothing. */
    public static List<String> lastTable(String text) {
        List<String> lines = new ArrayList<>();
        tables(text, (line, row) -> {
            if (row.isEmpty()) {
                lines.clear();
            }
            lines.add(line);
        });
        return lines;
    }

    /** Calls {@code sink} with each header line (and an empty row) and each row line (and its row) of the tables. */
    private static void tables(String text, BiConsumer<String, Optional<SlabRow>> sink) {
        boolean inTable = false;
        for (String line : text.lines().toList()) {
            if (line.strip().startsWith(HEADER)) {
                sink.accept(line, Optional.empty());
                inTable = true;
                continue;
            }
            Optional<SlabRow> row = inTable ? parse(line) : Optional.empty();
            row.ifPresent(found -> sink.accept(line, row));
            inTable = row.isPresent();
        }
    }

    /** The row of cache {@code name} in {@code text}'s slabinfo tables (the last one if printed more than once). */
    public static Optional<SlabRow> find(String text, String name) {
        return parseAll(text).stream().filter(row -> row.name.equals(name)).reduce((first, last) -> last);
    }

    private static Optional<SlabRow> parse(String line) {
        String[] cols = line.strip().split("\\s+");
        if (cols.length < 8) {
            return Optional.empty();
        }
        long[] numbers = new long[7];
        for (int i = 0; i < numbers.length; i++) {
            if (!cols[i + 1].matches("\\d+")) {
                return Optional.empty();
            }
            numbers[i] = Long.parseLong(cols[i + 1]);
        }
        return Optional.of(new SlabRow(cols[0], numbers[0], numbers[1], numbers[2],
                numbers[3], numbers[4], numbers[5], numbers[6]));
    }
}
