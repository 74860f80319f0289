package dev.slabagent.demo.bench.pooled;

/** The release points of {@link LineDecoder} and {@link FlatDecoder}: the agent frees the decoder here. */
public final class DecoderSink {
    /**
     * Done with {@code decoder}.
     *
     * @param decoder a decoder nothing uses any more
     */
    public void close(LineDecoder decoder) {
        decoder.eof = true;
    }

    /**
     * Done with {@code decoder}.
     *
     * @param decoder a decoder nothing uses any more
     */
    public void close(FlatDecoder decoder) {
        decoder.lines = -decoder.lines;
    }
}
