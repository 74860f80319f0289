package dev.slabagent.runtime;

import static java.lang.invoke.MethodType.methodType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;
import java.lang.invoke.WrongMethodTypeException;
import java.lang.ref.WeakReference;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Call sites that follow a switch: linked before and after a move, counted, and let go when the switch ends. */
class LinkSwitchTest {

    private enum Phase { FIRST, SECOND, LAST }

    private static final MethodType NAME = methodType(String.class);

    /** A call site of the switch whose target returns {@code tag + position}. */
    private static MutableCallSite link(LinkSwitch<Phase> sw, String tag) {
        return sw.link(NAME, p -> MethodHandles.constant(String.class, tag + p));
    }

    private static String call(MutableCallSite site) throws Throwable {
        return (String) site.dynamicInvoker().invokeExact();
    }

    @Test
    void sitesFollowEveryMoveAndAMoveCountsThem() throws Throwable {
        LinkSwitch<Phase> sw = new LinkSwitch<>(Phase.FIRST);
        MutableCallSite a = link(sw, "a");
        MutableCallSite b = link(sw, "b");
        assertEquals("aFIRST", call(a));

        assertEquals(2, sw.set(Phase.SECOND));
        assertEquals("aSECOND", call(a));
        assertEquals("bSECOND", call(b));
        MutableCallSite c = link(sw, "c");
        assertEquals("cSECOND", call(c), "a site linked after a move starts at the switch's position");

        assertEquals(0, sw.set(Phase.SECOND), "a move to where the switch stands retargets nothing");
        assertEquals(3, sw.set(Phase.FIRST));
        assertEquals("cFIRST", call(c));
    }

    @Test
    void anEndedSwitchKeepsItsSitesAtItsLastPosition() throws Throwable {
        LinkSwitch<Phase> sw = new LinkSwitch<>(Phase.FIRST);
        MutableCallSite a = link(sw, "a");
        assertEquals(1, sw.end(Phase.LAST));
        assertEquals("aLAST", call(a));

        MutableCallSite later = link(sw, "later");
        assertEquals("laterLAST", call(later));
        assertEquals(0, sw.set(Phase.FIRST), "an ended switch does not move");
        assertEquals("aLAST", call(a));
        assertEquals("laterLAST", call(later));
    }

    /** A move that would give a site a target of another type throws and moves nothing. */
    @Test
    void aTargetOfAnotherTypeMovesNothing() throws Throwable {
        LinkSwitch<Phase> sw = new LinkSwitch<>(Phase.FIRST);
        MutableCallSite a = link(sw, "a");
        MutableCallSite odd = sw.link(NAME, p -> p == Phase.LAST ? MethodHandles.constant(Object.class, "odd")
                : MethodHandles.constant(String.class, "odd" + p));
        assertThrows(WrongMethodTypeException.class, () -> sw.set(Phase.LAST));
        assertEquals("aFIRST", call(a));
        assertEquals("oddFIRST", call(odd));
        assertEquals(2, sw.set(Phase.SECOND), "the switch still stood at FIRST");
    }

    /** The switch holds its sites weakly: those no code holds any more are collected and not retargeted. */
    @Test
    void sitesNoCodeHoldsAreLetGo() throws Throwable {
        LinkSwitch<Phase> sw = new LinkSwitch<>(Phase.FIRST);
        MutableCallSite kept = link(sw, "kept");
        WeakReference<MutableCallSite> dropped = new WeakReference<>(link(sw, "dropped"));
        for (int i = 0; i < 100; i++) {
            link(sw, "dropped" + i);
        }
        for (int i = 0; i < 50 && dropped.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertNull(dropped.get(), "no collection let the dropped sites go");
        assertEquals(1, sw.set(Phase.SECOND), "only the site still held is retargeted");
        assertEquals("keptSECOND", call(kept));
    }

    /** A loop already running through a call site follows a move made by another thread. */
    @Test
    void aRunningLoopFollowsAMove() throws Throwable {
        LinkSwitch<Boolean> sw = new LinkSwitch<>(true);
        MethodHandle site = sw.link(methodType(boolean.class),
                on -> MethodHandles.constant(boolean.class, on)).dynamicInvoker();
        CountDownLatch running = new CountDownLatch(1);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread loop = new Thread(() -> {
            try {
                long calls = 0;
                while ((boolean) site.invokeExact()) {
                    if (++calls == 1_000_000) {
                        running.countDown();
                    }
                }
            } catch (Throwable e) {
                failed.set(e);
            }
        });
        loop.setDaemon(true);
        loop.start();
        assertTrue(running.await(30, TimeUnit.SECONDS), "the loop did not start: " + failed.get());
        assertEquals(1, sw.set(false));
        loop.join(TimeUnit.SECONDS.toMillis(30));
        assertEquals(Thread.State.TERMINATED, loop.getState(), "the loop still sees the old target");
        assertNull(failed.get());
    }
}
