package dev.slabagent.demo.show;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MethodListingTest {

    /** A method with a {@code new} to list. */
    static final class Sample {
        List<String> make(int n) {
            return new ArrayList<>(n);
        }
    }

    private static byte[] sampleClass() throws IOException {
        try (InputStream in = Sample.class.getResourceAsStream("MethodListingTest$Sample.class")) {
            return in.readAllBytes();
        }
    }

    @Test
    void listsTheNewDupInvokespecialOfAMethod() throws IOException {
        List<String> lines = MethodListing.of(sampleClass(), "make");
        assertEquals("make(I)Ljava/util/List;", lines.get(0));
        List<String> code = lines.stream().map(String::strip).toList();
        int newAt = code.indexOf("NEW java/util/ArrayList");
        assertTrue(newAt > 0, () -> "no NEW in " + lines);
        assertEquals("DUP", code.get(newAt + 1));
        assertTrue(code.contains("INVOKESPECIAL java/util/ArrayList.<init> (I)V"), () -> "no <init> in " + lines);
        assertTrue(code.stream().noneMatch(line -> line.startsWith("LINENUMBER") || line.startsWith("FRAME")),
                () -> "debug info or frames left in " + lines);
    }

    @Test
    void unknownMethodIsAClearError() throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MethodListing.of(sampleClass(), "absent"));
        assertEquals("class dev/slabagent/demo/show/MethodListingTest$Sample has no method absent", e.getMessage());
    }
}
