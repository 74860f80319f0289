package dev.slabagent.runtime;

/** The cache contract for {@link Strategy#LOCKED} caches of {@code byte[4096]} (issue 8's array caches). */
class LockedByteArrayContractTest extends SlabCacheContract {
    @Override
    Strategy strategy() {
        return Strategy.LOCKED;
    }

    @Override
    Tagging tagging() {
        return new Tagging.ByteArrays();
    }
}
