package dev.slabagent.demo.bench.pooled.base;

/**
 * The top of {@link dev.slabagent.demo.bench.pooled.LineDecoder}'s three-level chain, in another package, as
 * libraries' abstract parsers and codecs are: protected state (one field final), and private state its constructor
 * sets through a private helper.
 */
public abstract class StreamBase {
    /** Feature bits, fixed at construction. */
    protected final int features;
    /** Bytes consumed so far. */
    protected long position;
    private int state;

    /**
     * A stream with {@code features}.
     *
     * @param features feature bits
     */
    protected StreamBase(int features) {
        this.features = features;
        start();
    }

    private void start() {
        state = features == 0 ? 1 : 2;
    }

    /** The state the constructor's helper set. */
    public int state() {
        return state;
    }
}
