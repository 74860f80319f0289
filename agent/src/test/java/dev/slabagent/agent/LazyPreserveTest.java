package dev.slabagent.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fixture.lazy.LazyBuffer;
import fixture.lazy.Writer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code preserve} of fields the object makes after construction (a buffer or list made on first use): the recycled
 * object keeps them, zero-filled or cleared, and a program that writes before it reads gives the same output.
 */
class LazyPreserveTest {

    private static final String CONFIG = """
            slab.lazy.class=fixture.lazy.LazyBuffer
            slab.lazy.release=fixture.lazy.LazyBuffer#done:0
            slab.lazy.preserve=buffer,lines
            slab.lazy.verify=0
            slab.lazy.sample=0
            sites=fixture.lazy
            """;

    @AfterEach
    void uninstall() {
        TestAgent.installer().uninstall();
    }

    @Test
    void aRecycledObjectKeepsWhatItMadeZeroFilledAndCleared() {
        Installation installed = TestAgent.install(CONFIG);
        assertEquals(List.of(), installed.problems());
        LazyBuffer used = Writer.make("a");
        used.write(7);
        used.line("x");
        byte[] buffer = used.buffer();
        List<String> lines = used.lines();
        LazyBuffer.done(used);
        LazyBuffer recycled = Writer.make("b");
        assertSame(used, recycled, "the cache handed the released object out again");
        assertSame(buffer, recycled.buffer(), "the buffer made on first use is kept");
        assertArrayEquals(new byte[64], recycled.buffer(), "and zero-filled");
        assertSame(lines, recycled.lines(), "the list made on first use is kept");
        assertTrue(recycled.lines().isEmpty(), "and cleared");
        assertTrue(recycled.summary().startsWith("b:"), "the constructor ran again");
    }

    @Test
    void withZeroFalseAPreservedArrayKeepsItsContents() {
        Installation installed = TestAgent.install(CONFIG + "slab.lazy.zero=false\n");
        assertEquals(List.of(), installed.problems());
        LazyBuffer used = Writer.make("a");
        used.write(7);
        used.line("x");
        LazyBuffer.done(used);
        LazyBuffer recycled = Writer.make("b");
        assertSame(used, recycled, "the cache handed the released object out again");
        assertEquals(7, recycled.buffer()[0], "zero=false: the kept buffer is not zero-filled");
        assertTrue(recycled.lines().isEmpty(), "a kept list is cleared all the same");
    }

    @Test
    void aProgramThatWritesBeforeItReadsGivesTheSameOutput() {
        List<String> plain = runs();
        TestAgent.install(CONFIG);
        List<String> pooled = runs();
        assertEquals(plain, pooled);
        assertNotNull(TestAgent.installer().caches().get("lazy"));
        assertTrue(cacheHits() > 0, "the runs reused objects");
    }

    private static List<String> runs() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            out.add(Writer.run("r" + i, 1 + i % 7));
        }
        return out;
    }

    private static long cacheHits() {
        return dev.slabagent.runtime.SlabRegistry.get("lazy").stats().hits();
    }
}
