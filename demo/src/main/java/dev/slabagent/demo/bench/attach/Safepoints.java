package dev.slabagent.demo.bench.attach;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a JVM's {@code -Xlog:safepoint} file: how long its class redefinitions stopped the world. */
final class Safepoints {

    /** {@code Safepoint "RedefineClasses", Time since last: ... Total: 123 ns} (JDK 17 to 25). */
    private static final Pattern REDEFINE = Pattern.compile("Safepoint \"RedefineClasses\".*Total: (\\d+) ns");

    private Safepoints() {
    }

    /** The longest RedefineClasses safepoint logged so far, in nanoseconds (0 if none). */
    static long longestRedefine(Path log) throws IOException {
        long longest = 0;
        for (String line : Files.readAllLines(log)) {
            Matcher m = REDEFINE.matcher(line);
            if (m.find()) {
                longest = Math.max(longest, Long.parseLong(m.group(1)));
            }
        }
        return longest;
    }
}
