package dev.slabagent.agent.cli;

import static dev.slabagent.agent.cli.SlabCliTest.assertOneLineError;
import static dev.slabagent.agent.cli.SlabCliTest.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ab}'s refusals, each one line and exit 2 before anything runs. */
class AbCommandTest {

    @TempDir
    Path dir;

    private String config(String... lines) throws IOException {
        return Files.writeString(dir.resolve("c.properties"), String.join("\n", lines) + "\n").toString();
    }

    private String good() throws IOException {
        return config("slab.p.class=fixture.ab.Packet", "slab.p.release=fixture.ab.Packets#done:0");
    }

    @Test
    void noCommand() throws IOException {
        assertOneLineError(run("ab", "--config", good()),
                "slab-agent ab: no command: give the program to test after --, e.g. ab --config C -- java -jar app.jar");
    }

    @Test
    void aConfigWithErrors() throws IOException {
        String bad = config("slab.p.class=fixture.ab.Packet", "slab.p.release=fixture.ab.Packets#done:0",
                "slab.p.capacity=lots");
        assertOneLineError(run("ab", "--config", bad, "--", "true"), "slab-agent ab: bad config " + bad
                + ": slab.p.capacity: not a positive integer: 'lots'");
    }

    @Test
    void aConfigWithoutCaches() throws IOException {
        String none = config("report=exit");
        assertOneLineError(run("ab", "--config", none, "--", "true"),
                "slab-agent ab: bad config " + none + ": it defines no cache");
    }

    @Test
    void aMissingConfig() {
        Path missing = dir.resolve("nope.properties");
        assertOneLineError(run("ab", "--config", missing.toString(), "--", "true"),
                "slab-agent ab: config " + missing + ": no such file");
    }

    @Test
    void anUnknownStrategyOrNoBaseline() throws IOException {
        assertOneLineError(run("ab", "--config", good(), "--strategies", "baseline,slub", "--", "true"),
                "slab-agent ab: --strategies: 'slub' is not one of baseline, new, locked, magazine");
        assertOneLineError(run("ab", "--config", good(), "--strategies", "magazine", "--", "true"),
                "slab-agent ab: --strategies: give baseline and at least one of new, locked, magazine");
    }

    @Test
    void aMetricWithoutGroupAnUnknownCollectorAndTooFewRounds() throws IOException {
        assertOneLineError(run("ab", "--config", good(), "--metric", "us=[0-9]+", "--", "true"),
                "slab-agent ab: --metric: 'us=[0-9]+' has no group: put the number in ( ), e.g. 'us=([0-9.]+)'");
        assertOneLineError(run("ab", "--config", good(), "--gc", "G1,CMS", "--", "true"),
                "slab-agent ab: --gc: unknown collector 'CMS' (one of G1, Parallel, Serial, Z, Shenandoah)");
        assertOneLineError(run("ab", "--config", good(), "--rounds", "3", "--", "true"),
                "slab-agent ab: --rounds: 3 is too few (at least 4: with fewer, no difference can be significant)");
    }
}
