package dev.slabagent.jbd.e2fs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs e2fsprogs' {@code debugfs -R 'logdump -a ...'} and parses what it lists. Fails if debugfs is absent. */
public final class Debugfs {
    private static final Pattern FOUND = Pattern.compile(
            "Found expected sequence (\\d+), type (\\d+) \\([a-z ]+\\) at block (\\d+)");
    private static final Pattern TAG = Pattern.compile("\\s+FS block (\\d+) logged at journal block (\\d+) \\(flags 0x([0-9a-f]+)\\)");
    private static final Pattern REVOKE = Pattern.compile("\\s+Revoke FS block (\\d+)");

    /** One block debugfs found: its transaction, type and journal block. */
    public record Found(long sequence, int type, int journalBlock) {
    }

    /** A descriptor tag as debugfs printed it, with the journal block of its descriptor. */
    public record Tag(long sequence, int descriptor, long fsBlock, int journalBlock, int flags) {
    }

    /** Parsed logdump output. */
    public record Logdump(String text, List<Found> blocks, List<Tag> tags, Map<Long, List<Long>> revokes) {
        /** Sequences that have a commit block, in log order. */
        public List<Long> committed() {
            return blocks.stream().filter(f -> f.type() == 2).map(Found::sequence).toList();
        }
    }

    private Debugfs() {
    }

    /** {@code logdump -a -f JOURNAL}: a bare journal file. */
    static Logdump logdump(Path journal) throws IOException, InterruptedException {
        return parse(E2fsprogs.run("debugfs", "-R", "logdump -a -f " + journal).out());
    }

    /** {@code logdump -a} of the journal inside an ext3 image. */
    public static Logdump logdumpImage(Path image) throws IOException, InterruptedException {
        return parse(E2fsprogs.debugfs(image, "logdump -a"));
    }

    private static Logdump parse(String text) {
        List<Found> blocks = new ArrayList<>();
        List<Tag> tags = new ArrayList<>();
        Map<Long, List<Long>> revokes = new LinkedHashMap<>();
        long sequence = -1;
        int descriptor = -1;
        for (String line : text.split("\n")) {
            Matcher m = FOUND.matcher(line);
            if (m.find()) {
                sequence = Long.parseLong(m.group(1));
                blocks.add(new Found(sequence, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
                descriptor = Integer.parseInt(m.group(3));
                continue;
            }
            m = TAG.matcher(line);
            if (m.matches()) {
                tags.add(new Tag(sequence, descriptor, Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3), 16)));
                continue;
            }
            m = REVOKE.matcher(line);
            if (m.matches()) {
                revokes.computeIfAbsent(sequence, k -> new ArrayList<>()).add(Long.parseLong(m.group(1)));
            }
        }
        return new Logdump(text, blocks, tags, revokes);
    }
}
