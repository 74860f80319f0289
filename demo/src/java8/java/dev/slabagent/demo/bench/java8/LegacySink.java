package dev.slabagent.demo.bench.java8;

/** The allocation site and the release point of {@link LegacyHandle}, in a Java 8 class file. */
public final class LegacySink {

    /**
     * The site: one handle for one operation.
     *
     * @return a new handle with one reference
     */
    public LegacyHandle open() {
        return new LegacyHandle(1);
    }

    /**
     * The release point: after the outermost stop {@code handle.ref == 0} and nothing keeps the handle.
     *
     * @param handle the handle to stop
     */
    public void stop(LegacyHandle handle) {
        handle.ref--;
    }
}
