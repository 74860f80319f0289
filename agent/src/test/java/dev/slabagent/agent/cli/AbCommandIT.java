package dev.slabagent.agent.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ab} end to end on a tiny program ({@code fixture.ab.Packets}, a few hundred ms a run) with a seed-like
 * config, run through the agent jar: the table, results.json, report.md and chart.png, the caches' hits, the
 * baseline's GC and allocation figures from the measuring agent, and a command that exits non-zero.
 */
class AbCommandIT {

    private static final Path AGENT_JAR = Path.of("target/slab-agent.jar").toAbsolutePath();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int ab(String... args) {
        CommandLine cli = SlabCli.commandLine(AGENT_JAR);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("ab"));
        all.addAll(List.of(args));
        return cli.execute(all.toArray(String[]::new));
    }

    /** The fixture runs for milliseconds: too short to verify its rule, which the config says is proven. */
    private Path config() throws IOException {
        return Files.writeString(dir.resolve("packets.properties"), String.join("\n",
                "slab.packet.class=fixture.ab.Packet",
                "slab.packet.release=fixture.ab.Packets#done:0",
                "slab.packet.strategy=locked",
                "slab.packet.verify=0",
                "sites=fixture.ab", ""));
    }

    /** The fixture's command; each JVM logs the classes it loads to {@code classes-PID.log} in the test's folder. */
    private List<String> packets(String arg) {
        return List.of(ChildJvm.javaCommand(), "-Xmx64m", "-Xlog:class+load:file=" + dir.resolve("classes-%p.log"),
                "-cp", Path.of("target/test-classes").toAbsolutePath().toString(), "fixture.ab.Packets", arg);
    }

    @Test
    void comparesTheStrategiesAndWritesTheTableTheJsonAndTheChart() throws IOException {
        Path results = dir.resolve("out");
        List<String> args = new ArrayList<>(List.of("--config", config().toString(), "--strategies",
                "baseline,magazine,new", "--rounds", "4", "--metric", "ns_per_packet=([0-9.]+)", "--out",
                results.toString(), "--seed", "42", "--"));
        args.addAll(packets("300000"));
        int exit = ab(args.toArray(String[]::new));

        assertEquals(0, exit, "stdout:\n" + out + "\nstderr:\n" + err);
        String table = out.toString();
        assertTrue(table.contains("strategy") && table.contains("ratio [95% CI]") && table.contains("verdict"), table);
        // 300,000 packets through a magazine cache: all but the first few are hits
        Matcher magazine = Pattern.compile("(?m)^default\\s+magazine\\s+4\\s+\\S+\\s+(\\S+) \\[(\\S+), (\\S+)\\]\\s+(\\S+)"
                + "\\s+(faster|slower|~|inconclusive)\\s+(\\S+)").matcher(table);
        assertTrue(magazine.find(), table);
        assertTrue(Double.parseDouble(magazine.group(6)) > 99.0, "hits % " + magazine.group(6));
        // the new strategy never keeps an object: 0% hits
        assertTrue(Pattern.compile("(?m)^default\\s+new\\s+4\\s.*\\s0\\.0\\s").matcher(table).find(), table);
        assertTrue(err.toString().contains("ab: gc default, round 4/4"), err.toString());
        assertTrue(err.toString().contains("left)"), err.toString());

        String json = Files.readString(results.resolve("results.json"), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"strategy\" : \"magazine\""), json);
        assertEquals(12, count(json, "\"round\" :"), "12 runs recorded");
        assertEquals(12, count(json, "\"jvms\" : 1"), "every run's JVM reported, the baseline's too");
        Matcher bytes = Pattern.compile("\"allocBytes\" : (\\d+)").matcher(json);
        while (bytes.find()) {
            assertTrue(Long.parseLong(bytes.group(1)) > 0, json);
        }
        assertTrue(json.contains("\"state\" : \"live\""), json);
        assertTrue(Files.readString(results.resolve("report.md")).contains("| gc | strategy | runs | median |"));
        byte[] png = Files.readAllBytes(results.resolve("chart.png"));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
        // every cache's strategy replaced in the copy of the config
        String magazineConfig = Files.readString(results.resolve("configs/magazine.properties"));
        assertTrue(magazineConfig.contains("slab.packet.strategy=magazine") && !magazineConfig.contains("=locked"),
                magazineConfig);
        assertNothingOfTheReportingLoadedInTheHosts(results);
    }

    /**
     * The statistics, JSON and chart libraries never load in a program's JVM; a baseline JVM (the measuring agent)
     * loads no ByteBuddy either.
     */
    private void assertNothingOfTheReportingLoadedInTheHosts(Path results) throws IOException {
        List<Path> logs;
        try (var files = Files.list(dir)) {
            logs = files.filter(f -> f.getFileName().toString().startsWith("classes-")).toList();
        }
        assertEquals(12, logs.size());
        for (Path log : logs) {
            String classes = Files.readString(log);
            assertTrue(classes.contains("dev.slabagent.agent.RunReport"), log.toString());
            for (String never : List.of("shaded.xchart", "shaded.jackson", "shaded.math3", "dev.slabagent.ab.",
                    "dev.slabagent.stats.")) {
                assertTrue(!classes.contains(never), log + " loaded " + never);
            }
        }
        try (var baselines = Files.list(results.resolve("runs/default"))) {
            for (Path run : baselines.filter(r -> r.getFileName().toString().endsWith("-baseline")).toList()) {
                try (var reports = Files.list(run.resolve("jvms"))) {
                    String pid = reports.findFirst().orElseThrow().getFileName().toString().replaceAll("\\D", "");
                    String classes = Files.readString(dir.resolve("classes-" + pid + ".log"));
                    assertTrue(!classes.contains("bytebuddy"), "a baseline JVM loaded ByteBuddy");
                }
            }
        }
    }

    @Test
    void aCommandThatFailsInEveryRunIsOneLineAndExitTwo() throws IOException {
        List<String> args = new ArrayList<>(List.of("--config", config().toString(), "--strategies",
                "baseline,magazine", "--rounds", "4", "--out", dir.resolve("out").toString(), "--"));
        args.addAll(packets("fail"));
        int exit = ab(args.toArray(String[]::new));

        assertEquals(2, exit, err.toString());
        String lastLine = err.toString().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(lastLine.startsWith("slab-agent ab: the command failed in every run of baseline (gc default): "
                + "exit 3: fixture failure: no packets today"), lastLine);
        assertTrue(out.toString().contains("baseline (default): 4 of 4 runs failed, last: exit 3"), out.toString());
    }

    private static int count(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1;
    }
}
