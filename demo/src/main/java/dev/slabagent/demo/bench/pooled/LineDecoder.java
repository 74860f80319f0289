package dev.slabagent.demo.bench.pooled;

/**
 * A three-level class (LineDecoder, {@link Decoder}, {@link dev.slabagent.demo.bench.pooled.base.StreamBase}),
 * made per operation and closed by {@link DecoderSink#close}; {@link FlatDecoder} has the same fields in one class.
 */
public final class LineDecoder extends Decoder {
    /** Lines decoded. */
    public int lines;

    /**
     * A decoder of lines of {@code lineLength}.
     *
     * @param lineLength line length of the output
     */
    public LineDecoder(int lineLength) {
        super(1, lineLength);
        this.lines = 0;
    }

    /** Consumes {@code n} bytes. */
    public void consume(int n) {
        position += n;
        lines++;
    }
}
