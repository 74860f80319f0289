package dev.slabagent.runtime;

/** The cache contract for {@link Strategy#LOCKED} caches of plain objects. */
class LockedCacheContractTest extends SlabCacheContract {
    @Override
    Strategy strategy() {
        return Strategy.LOCKED;
    }
}
