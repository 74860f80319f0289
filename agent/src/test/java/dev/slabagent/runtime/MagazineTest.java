package dev.slabagent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
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

    @Test
    void aMagazineIsAgedOnceACollectionRanAndItsRenewalIsFreshWithTheSameRounds() throws Exception {
        Object[] m = Magazine.create(4);
        Object round = new Object();
        m[Magazine.FIRST] = round;
        assertFalse(Magazine.aged(m));
        collect();
        assertTrue(Magazine.aged(m));
        Object[] copy = Magazine.renew(m);
        assertNotSame(m, copy);
        assertFalse(Magazine.aged(copy));
        assertSame(round, copy[Magazine.FIRST]);
        Magazine.clear(copy, 4);
        assertEquals(null, copy[Magazine.FIRST]);
        assertFalse(Magazine.aged(copy), "clearing the rounds keeps the birth mark");
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
