package dev.slabagent.demo.show;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LineDiffTest {

    @Test
    void replacedLinesShowAsRemovedThenAddedBetweenCommonOnes() {
        List<String> diff = LineDiff.of(
                List.of("ALOAD 0", "NEW Handle", "DUP", "ILOAD 1", "INVOKESPECIAL Handle.<init>", "ARETURN"),
                List.of("ALOAD 0", "ILOAD 1", "INVOKEDYNAMIC alloc", "ARETURN"));
        assertEquals(List.of("  ALOAD 0", "- NEW Handle", "- DUP", "  ILOAD 1", "- INVOKESPECIAL Handle.<init>",
                "+ INVOKEDYNAMIC alloc", "  ARETURN"), diff);
    }

    @Test
    void identicalAndEmptyInputs() {
        assertEquals(List.of("  a", "  b"), LineDiff.of(List.of("a", "b"), List.of("a", "b")));
        assertEquals(List.of("+ a"), LineDiff.of(List.of(), List.of("a")));
        assertEquals(List.of("- a"), LineDiff.of(List.of("a"), List.of()));
    }
}
