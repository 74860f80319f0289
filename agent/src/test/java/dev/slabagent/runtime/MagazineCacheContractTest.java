package dev.slabagent.runtime;

/** The cache contract for {@link Strategy#MAGAZINE} caches of plain objects. */
class MagazineCacheContractTest extends SlabCacheContract {
    @Override
    Strategy strategy() {
        return Strategy.MAGAZINE;
    }
}
