package dev.slabagent.jbd.e2fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the e2fsprogs tools (mke2fs, debugfs, e2fsck, dumpe2fs) for tests. A missing tool fails the test:
 * these tests check our format against the reference implementation and must not pass without it.
 */
public final class E2fsprogs {

    /** Exit code, standard output and standard error of one tool run. */
    public record Result(int exit, String out, String err) {
        /** Standard output and error together, for messages that may go to either. */
        public String all() {
            return out + err;
        }
    }

    private static final long TIMEOUT_SECONDS = 60;

    private E2fsprogs() {
    }

    /** Finds {@code name} in /usr/sbin, /sbin or PATH, failing the test if it is absent. */
    public static Path tool(String name) {
        List<Path> candidates = new ArrayList<>(List.of(Path.of("/usr/sbin", name), Path.of("/sbin", name)));
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, name));
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst().orElseGet(() ->
                fail(name + " (e2fsprogs) is not installed: these tests need it (apt-get install e2fsprogs)"));
    }

    /** Runs an e2fsprogs tool with arguments. */
    public static Result run(String name, String... args) throws IOException, InterruptedException {
        Raw raw = exec(name, args);
        return new Result(raw.exit(), new String(raw.out(), StandardCharsets.ISO_8859_1), raw.err());
    }

    /** Exit code, raw standard output and standard error of one tool run. */
    private record Raw(int exit, byte[] out, String err) {
    }

    private static Raw exec(String name, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(tool(name).toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile("e2fs", ".out");
        Path err = Files.createTempFile("e2fs", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(command + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Raw(p.exitValue(), Files.readAllBytes(out), Files.readString(err, StandardCharsets.ISO_8859_1));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Makes an ext3 image of {@code sizeKiB} KiB with the given block size and mke2fs's journal size. */
    public static void mkfs(Path image, int blockSize, int sizeKiB) throws IOException, InterruptedException {
        mkfs(image, blockSize, sizeKiB, 0);
    }

    /** Makes an ext3 image with a journal of {@code journalMiB} MiB (0: mke2fs's default). */
    public static void mkfs(Path image, int blockSize, int sizeKiB, int journalMiB) throws IOException, InterruptedException {
        mkfs(image, "ext3", blockSize, sizeKiB, journalMiB > 0 ? new String[] {"-J", "size=" + journalMiB} : new String[0]);
    }

    /** Makes an image of file system {@code type} (ext3, ext4) with extra mke2fs options such as {@code -O ^64bit}. */
    public static void mkfs(Path image, String type, int blockSize, int sizeKiB, String... options)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("-q", "-F", "-t", type, "-b", Integer.toString(blockSize)));
        args.addAll(List.of(options));
        args.addAll(List.of(image.toString(), sizeKiB + "k"));
        Result r = run("mke2fs", args.toArray(String[]::new));
        assertEquals(0, r.exit(), () -> "mke2fs failed: " + r.all());
    }

    /** The bytes {@code debugfs cat PATH} prints. */
    public static byte[] cat(Path image, String path) throws IOException, InterruptedException {
        return exec("debugfs", "-R", "cat " + path, image.toString()).out();
    }

    /** Runs one debugfs request ({@code -R}) read-only and returns its standard output. */
    public static String debugfs(Path image, String request) throws IOException, InterruptedException {
        return run("debugfs", "-R", request, image.toString()).out();
    }

    /** Runs debugfs requests from a command file with the image writable; debugfs always exits 0. */
    public static Result debugfsWrite(Path image, String... requests) throws IOException, InterruptedException {
        Path commands = Files.createTempFile("debugfs", ".cmd");
        try {
            Files.write(commands, List.of(requests));
            return run("debugfs", "-w", "-f", commands.toString(), image.toString());
        } finally {
            Files.deleteIfExists(commands);
        }
    }

    /** Copies a host file into the image as {@code name} (relative to the root, or to a {@code cd} before it). */
    public static void writeFile(Path image, Path host, String name) throws IOException, InterruptedException {
        Result r = debugfsWrite(image, "write " + host + " " + name);
        if (!r.all().contains("Allocated inode")) {
            fail("debugfs write " + name + " failed: " + r.all());
        }
    }

    /** The numbers {@code debugfs blocks FILESPEC} prints. */
    public static List<Long> blocks(Path image, String fileSpec) throws IOException, InterruptedException {
        List<Long> blocks = new ArrayList<>();
        for (String word : debugfs(image, "blocks " + fileSpec).trim().split("\\s+")) {
            if (!word.isEmpty()) {
                blocks.add(Long.parseLong(word));
            }
        }
        return blocks;
    }

    /** The fs block {@code debugfs bmap} gives for a logical block (0 for a hole). */
    public static long bmap(Path image, String fileSpec, long logical) throws IOException, InterruptedException {
        return Long.parseLong(debugfs(image, "bmap " + fileSpec + " " + logical).trim());
    }

    /** A field of {@code dumpe2fs -h}, such as "Block count". */
    public static String dumpe2fsField(Path image, String field) throws IOException, InterruptedException {
        Result r = run("dumpe2fs", "-h", image.toString());
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(field) + ":\\s*(.*?)\\s*$").matcher(r.out());
        if (!m.find()) {
            fail("dumpe2fs -h prints no \"" + field + "\": " + r.all());
        }
        return m.group(1);
    }
}
