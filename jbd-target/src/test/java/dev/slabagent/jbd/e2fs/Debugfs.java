package dev.slabagent.jbd.e2fs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs e2fsprogs' {@code debugfs -R 'logdump -a -f JOURNAL'} and parses what it lists. Fails if debugfs is absent. */
final class Debugfs {
    private static final Pattern FOUND = Pattern.compile(
            "Found expected sequence (\\d+), type (\\d+) \\([a-z ]+\\) at block (\\d+)");
    private static final Pattern TAG = Pattern.compile("\\s+FS block (\\d+) logged at journal block (\\d+) \\(flags 0x([0-9a-f]+)\\)");
    private static final Pattern REVOKE = Pattern.compile("\\s+Revoke FS block (\\d+)");

    /** One block debugfs found: its transaction, type and journal block. */
    record Found(long sequence, int type, int journalBlock) {
    }

    /** A descriptor tag as debugfs printed it, with the journal block of its descriptor. */
    record Tag(long sequence, int descriptor, long fsBlock, int journalBlock, int flags) {
    }

    /** Parsed logdump output. */
    record Logdump(String text, List<Found> blocks, List<Tag> tags, Map<Long, List<Long>> revokes) {
        /** Sequences that have a commit block, in log order. */
        List<Long> committed() {
            return blocks.stream().filter(f -> f.type() == 2).map(Found::sequence).toList();
        }
    }

    private Debugfs() {
    }

    static Path executable() {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/local/sbin"));
        for (String dir : dirs) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "debugfs");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new AssertionError("debugfs (e2fsprogs) not found on PATH or in /usr/sbin, /sbin: install e2fsprogs");
    }

    static Logdump logdump(Path journal) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(executable().toString(), "-R", "logdump -a -f " + journal)
                .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("debugfs did not finish");
        }
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
