package dev.slabagent.demo.e2e;

import dev.slabagent.demo.run.ChildJvm;

/** {@link EquivalenceContract} on the JDK running the tests. */
class EquivalenceTest extends EquivalenceContract {

    @Override
    ChildJvm jvm() {
        return ChildJvm.current();
    }
}
