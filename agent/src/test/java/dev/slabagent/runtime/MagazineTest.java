package dev.slabagent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** A magazine's birth mark, and a stripe that pushes into a fresh copy of a magazine a collection may have promoted. */
class MagazineTest {

    /** Runs collections until one has cleared a weak reference made now (a few seconds at most). */
    private static void collect() throws InterruptedException {
        WeakReference<Object> probe = new WeakReference<>(new Object());
        for (int i = 0; i < 50 && !probe.refersTo(null); i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertTrue(probe.refersTo(null), "no collection cleared a weak reference");
    }

    private static long collections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    /**
     * Asserts that the magazine {@code made} gives is not aged when no collection ran meanwhile: any collection (the
     * verifier's thread of an earlier test may ask for one) may age it, so a window with one is tried again.
     */
    private static Object[] freshlyMade(Supplier<Object[]> made) {
        for (int i = 0; i < 100; i++) {
            long before = collections();
            Object[] m = made.get();
            boolean aged = Magazine.aged(m);
            if (collections() == before) {
                assertFalse(aged, "a magazine made after the last collection is not aged");
                return m;
            }
        }
        return fail("a collection ran in each of 100 tries");
    }

    private static Object[] loaded(MagazineStripe s) throws ReflectiveOperationException {
        Field f = StripeState.class.getDeclaredField("loaded");
        f.setAccessible(true);
        return (Object[]) f.get(s);
    }

    @Test
    void aMagazineIsAgedOnceACollectionRanAndItsRenewalIsFreshWithTheSameRounds() throws Exception {
        Object round = new Object();
        Object[] m = freshlyMade(() -> Magazine.create(4));
        m[Magazine.FIRST] = round;
        collect();
        assertTrue(Magazine.aged(m));
        Object[] copy = freshlyMade(() -> Magazine.renew(m));
        assertNotSame(m, copy);
        assertSame(round, copy[Magazine.FIRST]);
        assertNull(m[Magazine.FIRST], "the dropped magazine lets go of its rounds");
        Magazine.clear(copy, 4);
        assertNull(copy[Magazine.FIRST]);
        assertTrue(copy[0] instanceof WeakReference<?>, "clearing the rounds keeps the birth mark");
    }

    @Test
    void aStripePushesIntoAFreshCopyOnceACollectionRanAndKeepsItsObjects() throws Exception {
        Depot depot = new Depot(64, 4);
        MagazineStripe s = new MagazineStripe(depot, 4);
        Object a = new Object();
        s.free(a);
        Object[] before = loaded(s);
        collect();
        Object b = new Object();
        for (int i = 2; i < StripeState.AGE_CHECK_INTERVAL; i++) {
            s.free(b);
            assertSame(before, loaded(s), "the mark is looked at once every AGE_CHECK_INTERVAL frees");
            assertSame(b, s.allocate());
        }
        s.free(b);
        Object[] after = loaded(s);
        assertNotSame(before, after, "the push went into a copy of the aged magazine");
        assertSame(b, s.allocate());
        assertSame(a, s.allocate());
        s.bind(new Depot(64, 4));
        s.free(b);
        assertSame(b, s.allocate(), "a stripe bound to a new depot (a drain) pushes as before");
    }

    @Test
    void freesAfterACollectionLoseAndDuplicateNothing() throws Exception {
        SlabCache c = SlabCache.create("renewed", Strategy.MAGAZINE, 64);
        List<Object> freed = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Object o = new Object();
            freed.add(o);
            c.free(o);
            if (i % 10 == 9) {
                collect();
            }
        }
        Set<Object> back = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Object o = c.allocate(); o != null; o = c.allocate()) {
            assertTrue(back.add(o), "handed out twice");
        }
        assertEquals(freed.size(), back.size());
        assertTrue(back.containsAll(freed));
        assertEquals(40, c.stats().hits());
        assertEquals(40, c.stats().frees());
    }
}
