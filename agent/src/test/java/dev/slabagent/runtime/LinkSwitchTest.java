package dev.slabagent.runtime;

import static java.lang.invoke.MethodType.methodType;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;
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
    void anEndedSwitchKeepsItsLastPositionAndItsSites() throws Throwable {
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
        running.await(30, TimeUnit.SECONDS);
        assertEquals(1, sw.set(false));
        loop.join(TimeUnit.SECONDS.toMillis(30));
        assertEquals(Thread.State.TERMINATED, loop.getState(), "the loop still sees the old target");
        assertEquals(null, failed.get());
    }
}
