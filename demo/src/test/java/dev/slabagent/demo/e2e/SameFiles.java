package dev.slabagent.demo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Asserts that two folders hold the same files with the same bytes. */
final class SameFiles {

    private SameFiles() {
    }

    /** Fails naming the first difference: a file only in one folder, or the first differing byte of a file. */
    static void assertSameFiles(Path expected, Path actual) throws IOException {
        List<Path> names = relativeFiles(expected);
        assertFalse(names.isEmpty(), () -> "no files under " + expected + ": the workload wrote nothing");
        assertEquals(names, relativeFiles(actual), () -> "different files under " + expected + " and " + actual);
        for (Path name : names) {
            long at = Files.mismatch(expected.resolve(name), actual.resolve(name));
            if (at >= 0) {
                fail(name + " differs at byte " + at + " (" + Files.size(expected.resolve(name)) + " and "
                        + Files.size(actual.resolve(name)) + " bytes) between " + expected + " and " + actual);
            }
        }
    }

    private static List<Path> relativeFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).map(folder::relativize).sorted().toList();
        }
    }
}
