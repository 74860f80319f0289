package dev.slabagent.demo.bench.pooled;

/** A small immutable 2-D vector: the kind of object escape analysis removes when it does not escape. */
public final class Vec {
    private final long x;
    private final long y;

    /**
     * @param x the first coordinate
     * @param y the second coordinate
     */
    public Vec(long x, long y) {
        this.x = x;
        this.y = y;
    }

    /**
     * @param ox the other vector's first coordinate
     * @param oy the other vector's second coordinate
     * @return the dot product with {@code (ox, oy)}
     */
    public long dot(long ox, long oy) {
        return x * ox + y * oy;
    }
}
