package dev.slabagent.demo.bench.pooled;

/** {@link LineDecoder}'s fields and constructor in one class whose superclass is Object. */
public final class FlatDecoder {
    private final int features;
    private long position;
    private int state;
    private int lineLength;
    private boolean eof;
    /** Lines decoded. */
    public int lines;

    /**
     * A decoder of lines of {@code lineLength}.
     *
     * @param lineLength line length of the output
     */
    public FlatDecoder(int lineLength) {
        this.features = 1;
        this.state = features == 0 ? 1 : 2;
        this.lineLength = lineLength;
        this.lines = 0;
    }

    /** Consumes {@code n} bytes. */
    public void consume(int n) {
        position += n;
        lines++;
    }
}
