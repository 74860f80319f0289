package dev.slabagent.runtime;

/** The cache contract for {@link Strategy#MAGAZINE} caches of {@code byte[4096]} (issue 8's array caches). */
class MagazineByteArrayContractTest extends SlabCacheContract {
    @Override
    Strategy strategy() {
        return Strategy.MAGAZINE;
    }

    @Override
    Tagging tagging() {
        return new Tagging.ByteArrays();
    }
}
