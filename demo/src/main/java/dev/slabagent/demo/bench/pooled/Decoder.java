package dev.slabagent.demo.bench.pooled;

import dev.slabagent.demo.bench.pooled.base.StreamBase;

/** The middle of {@link LineDecoder}'s chain: state of its own, set by its constructor. */
public abstract class Decoder extends StreamBase {
    /** Line length of the output, 0 for none. */
    protected int lineLength;
    /** Whether the end of the input was seen. */
    protected boolean eof;

    /**
     * A decoder.
     *
     * @param features   feature bits
     * @param lineLength line length of the output
     */
    protected Decoder(int features, int lineLength) {
        super(features);
        this.lineLength = lineLength;
    }
}
