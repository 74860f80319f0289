package dev.slabagent.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import fixture.chain.Branch;
import fixture.chain.Chains;
import fixture.chain.CountingSink;
import fixture.chain.Leaf;
import fixture.chain.LineSource;
import java.io.Reader;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Classes whose superclasses are not Object: two and three levels with abstract bases in another package
 * (protected and private state, a private helper), a {@link Reader} and an {@code OutputStream}. Objects from the
 * cache equal fresh ones field for field, the JDK superclasses' fields included, under every strategy; a chain
 * with one constructor that cannot be re-run is refused with a line naming that constructor's class.
 */
class ConstructorChainTest {

    private static final String CONFIG = """
            slab.leaf.class=fixture.chain.Leaf
            slab.leaf.release=fixture.chain.Chains#done:0
            slab.leaf.strategy=%1$s
            slab.branch.class=fixture.chain.Branch
            slab.branch.release=fixture.chain.Chains#done:0
            slab.branch.strategy=%1$s
            slab.source.class=fixture.chain.LineSource
            slab.source.release=fixture.chain.LineSource#close:this
            slab.source.strategy=%1$s
            slab.sink.class=fixture.chain.CountingSink
            slab.sink.release=fixture.chain.CountingSink#close:this
            slab.sink.strategy=%1$s
            sites=fixture.chain
            """;

    @AfterEach
    void uninstall() {
        TestAgent.installer().uninstall();
    }

    @ParameterizedTest
    @ValueSource(strings = {"new", "locked", "magazine"})
    void twoAndThreeLevelChainsComeBackEqualToFreshObjects(String strategy) throws Exception {
        boolean reuses = install(strategy);
        Leaf leaf = Chains.leaf(1);
        leaf.use();
        Chains.done(leaf);
        Leaf nextLeaf = Chains.leaf(2);
        assertEquals(reuses, nextLeaf == leaf);
        FieldState.assertSameState(new Leaf(2), nextLeaf);

        Branch branch = Chains.branch(5);
        branch.use();
        Chains.done(branch);
        Branch nextBranch = Chains.branch(9);
        assertEquals(reuses, nextBranch == branch);
        FieldState.assertSameState(new Branch(9), nextBranch);
    }

    @ParameterizedTest
    @ValueSource(strings = {"new", "locked", "magazine"})
    void streamsComeBackEqualToFreshOnes(String strategy) throws Exception {
        boolean reuses = install(strategy);
        LineSource source = Chains.source("abcdef");
        assertEquals(2, source.skip(2), "skip makes Reader's private skip buffer");
        assertEquals('c', source.read());
        source.close();
        LineSource next = Chains.source("xyz");
        assertEquals(reuses, next == source);
        assertSame(next, next.lock(), "Reader() locks on the object itself");
        FieldState.assertSameState(new LineSource("xyz"), next);
        next.close();
        Object lock = new Object();
        LineSource locked = Chains.source("q", lock);
        assertSame(lock, locked.lock());
        FieldState.assertSameState(new LineSource("q", lock), locked);
        assertFalse(Reader.class.getModule().isOpen("java.io", getClass().getModule()),
                "java.io is opened to the agent's own module only, never to the program's classes");

        CountingSink sink = Chains.sink();
        sink.write(new byte[] {1, 2, 3});
        sink.close();
        CountingSink nextSink = Chains.sink();
        assertEquals(reuses, nextSink == sink);
        FieldState.assertSameState(new CountingSink(), nextSink);
    }

    @Test
    void chainsWithAConstructorThatCannotBeReRunAreRefusedNamingItsClass() {
        Installation installed = TestAgent.install("""
                slab.counted.class=fixture.chain.bad.Counted
                slab.counted.release=fixture.chain.bad.Made#done:0
                slab.registered.class=fixture.chain.bad.Registered
                slab.registered.release=fixture.chain.bad.Made#done:0
                slab.described.class=fixture.chain.bad.Described
                slab.described.release=fixture.chain.bad.Made#done:0
                slab.names.class=fixture.chain.bad.Names
                slab.names.release=fixture.chain.bad.Made#done:0
                slab.tracked.class=fixture.chain.bad.Tracked
                slab.tracked.release=fixture.chain.bad.Made#done:0
                slab.failure.class=fixture.chain.bad.Failure
                slab.failure.release=fixture.chain.bad.Made#done:0
                sites=fixture.chain.bad
                """);
        assertEquals(List.of(), installed.activated());
        assertEquals(List.of(
                "slab-agent: slab.counted.class: cannot recycle fixture.chain.bad.Counted: constructor"
                        + " fixture.chain.bad.Counting() writes static field created: it cannot be re-run on a recycled"
                        + " object; cache counted is not rewritten",
                "slab-agent: slab.registered.class: cannot recycle fixture.chain.bad.Registered: constructor"
                        + " fixture.chain.bad.Registering() passes this to java.util.List.add(..): it cannot be re-run"
                        + " on a recycled object; cache registered is not rewritten",
                "slab-agent: slab.described.class: cannot recycle fixture.chain.bad.Described: constructor"
                        + " fixture.chain.bad.Describing() calls super.toString(..): it cannot be re-run on a recycled"
                        + " object; cache described is not rewritten",
                "slab-agent: slab.names.class: cannot recycle fixture.chain.bad.Names: constructor"
                        + " java.util.ArrayList() uses java.util.ArrayList.DEFAULTCAPACITY_EMPTY_ELEMENTDATA, which is"
                        + " not public API: it cannot be re-run on a recycled object; cache names is not rewritten",
                "slab-agent: slab.tracked.class: cannot recycle fixture.chain.bad.Tracked: fixture.chain.bad.Tracked"
                        + " extends java.lang.ref.WeakReference, whose objects the JVM treats specially; cache tracked is"
                        + " not rewritten",
                "slab-agent: slab.failure.class: cannot recycle fixture.chain.bad.Failure: fixture.chain.bad.Failure"
                        + " extends java.lang.Throwable, whose objects the JVM treats specially; cache failure is"
                        + " not rewritten"),
                installed.problems());
    }

    /** Installs the chain caches with {@code strategy}; whether that strategy reuses objects. */
    private static boolean install(String strategy) {
        Installation installed = TestAgent.install(CONFIG.formatted(strategy));
        assertEquals(List.of(), installed.problems());
        assertEquals(List.of("leaf", "branch", "source", "sink"), installed.activated());
        return !strategy.equals("new");
    }

}
