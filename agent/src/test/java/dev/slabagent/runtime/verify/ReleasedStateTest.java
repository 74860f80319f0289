package dev.slabagent.runtime.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import org.junit.jupiter.api.Test;

class ReleasedStateTest {

    private static final ReleasedState.Fields PLAIN_FIELDS = new ReleasedState.Fields(FieldAccess.PLAIN);

    static class Base {
        private int count;
    }

    static final class Item extends Base {
        private double ratio = Double.NaN;
        private Object owner = new Object();
    }

    /** A program's class below a JDK class whose fields plain access may not read (java.io is not open to it). */
    static final class Wrapped extends FilterInputStream {
        private int reads;

        Wrapped() {
            super(new ByteArrayInputStream(new byte[0]));
        }
    }

    @Test
    void nothingWrittenIsNoChange() {
        Item item = new Item();
        ReleasedState atRelease = ReleasedState.of(item, PLAIN_FIELDS);

        assertNull(atRelease.changeIn(item), "NaN equals itself, and the same owner is the same");
    }

    @Test
    void aPrimitiveWrittenInASuperclassIsNamed() {
        Item item = new Item();
        ReleasedState atRelease = ReleasedState.of(item, PLAIN_FIELDS);
        ((Base) item).count++;

        assertEquals("field Base.count", atRelease.changeIn(item));
    }

    @Test
    void aReferenceIsComparedByIdentity() {
        Item item = new Item();
        ReleasedState atRelease = ReleasedState.of(item, PLAIN_FIELDS);
        item.owner = new Object();

        assertEquals("field Item.owner", atRelease.changeIn(item));
    }

    @Test
    void anArrayIsComparedByItsContents() {
        byte[] buffer = new byte[4096];
        Object[] slots = {new Object(), null};
        ReleasedState bytes = ReleasedState.of(buffer, PLAIN_FIELDS);
        ReleasedState references = ReleasedState.of(slots, PLAIN_FIELDS);
        assertNull(bytes.changeIn(buffer));
        assertNull(references.changeIn(slots));

        buffer[4095] = 1;
        slots[1] = new Object();

        assertEquals("its contents", bytes.changeIn(buffer));
        assertEquals("its contents", references.changeIn(slots));
    }

    @Test
    void fieldsOfClassesClosedToTheAgentAreLeftOutNotFailed() {
        Wrapped w = new Wrapped();
        ReleasedState atRelease = ReleasedState.of(w, PLAIN_FIELDS);
        w.reads++;

        assertEquals("field Wrapped.reads", atRelease.changeIn(w));
    }
}
