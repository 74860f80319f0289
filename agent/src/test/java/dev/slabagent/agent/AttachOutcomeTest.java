package dev.slabagent.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The attach command's channel to the agent: {@link AgentArgs} there, {@link AttachOutcome} back. */
class AttachOutcomeTest {

    @TempDir
    Path dir;

    @Test
    void aConfigPathAloneIsTheArgumentAsBefore() {
        AgentArgs args = AgentArgs.parse("/etc/slab agent/outcome=x.properties");
        assertEquals("/etc/slab agent/outcome=x.properties", args.config());
        assertNull(args.outcome());
        assertNull(AgentArgs.parse(null).config());
        assertEquals("/etc/slab agent/outcome=x.properties", args.format());
    }

    @Test
    void theCommandsOutcomeFileRoundTrips() {
        Path outcome = dir.resolve("slab-agent-attach-1.txt");
        AgentArgs args = AgentArgs.parse(new AgentArgs("/tmp/a b.properties", outcome).format());
        assertEquals("/tmp/a b.properties", args.config());
        assertEquals(outcome, args.outcome());
    }

    @Test
    void anOutcomeNameThatIsNoPathIsIgnored() {
        AgentArgs args = AgentArgs.parse("/tmp/c.properties\noutcome=bad\0name");
        assertEquals("/tmp/c.properties", args.config());
        assertNull(args.outcome());
    }

    @Test
    void theOutcomeIsReadBackLineForLine() throws IOException {
        Path file = Files.createFile(dir.resolve("outcome.txt"));
        AttachOutcome written = new AttachOutcome(List.of("a: on (strategy magazine, 1 classes retransformed)"),
                List.of("slab-agent: slab.b.class: class B not found; cache b is off", "two\nlines"));
        written.writeTo(file);
        AttachOutcome read = AttachOutcome.readFrom(file).orElseThrow();
        assertEquals(written.activated(), read.activated());
        assertEquals(List.of(written.problems().get(0), "two lines"), read.problems());
    }

    @Test
    void aFileTheAgentDidNotWriteHasNoOutcome() throws IOException {
        Path file = Files.createFile(dir.resolve("empty.txt"));
        assertEquals(Optional.empty(), AttachOutcome.readFrom(file));
        Files.writeString(file, "journal_handle: on\n");
        assertEquals(Optional.empty(), AttachOutcome.readFrom(file), "no header, no outcome");
    }

    @Test
    void anUnreadableFileHasNoOutcomeAndNoError() throws IOException {
        Path file = Files.write(dir.resolve("latin1.txt"), "slab-agent attach outcome\non caf\u00e9\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(Optional.empty(), AttachOutcome.readFrom(file), "not UTF-8: the command asks the MBean");
        assertEquals(Optional.empty(), AttachOutcome.readFrom(dir.resolve("gone.txt")), "deleted meanwhile");
    }

    @Test
    void theAgentWritesOnlyIntoTheFileTheCommandMade() throws IOException {
        AttachOutcome outcome = new AttachOutcome(List.of(), List.of("x"));
        assertThrows(IOException.class, () -> outcome.writeTo(dir.resolve("missing.txt")));
        assertTrue(Files.notExists(dir.resolve("missing.txt")), "no file is created");
        Path target = Files.writeString(dir.resolve("target.txt"), "keep");
        Path link = Files.createSymbolicLink(dir.resolve("link.txt"), target);
        assertThrows(IOException.class, () -> outcome.writeTo(link));
        assertEquals("keep", Files.readString(target), "a symbolic link is not followed");
    }
}
