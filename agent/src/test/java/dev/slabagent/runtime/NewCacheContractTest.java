package dev.slabagent.runtime;

/** The cache contract for {@link Strategy#NEW} caches of plain objects. */
class NewCacheContractTest extends SlabCacheContract {
    @Override
    Strategy strategy() {
        return Strategy.NEW;
    }
}
