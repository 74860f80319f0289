package dev.slabagent.demo.show;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The seed patch's hunks for {@code new_handle} and {@code journal_stop}, as a quoted text for the demo. */
public final class SeedPatch {

    private static final String RESOURCE = "seed-patch.txt";

    private SeedPatch() {
    }

    /** The hunk text (a reconstruction for demonstration, with a line saying so). */
    public static String text() {
        try (InputStream in = SeedPatch.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " missing from the demo's class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
