package dev.slabagent.runtime.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import org.junit.jupiter.api.Test;

class ReleasedStateTest {

    static class Base {
        private int count;
    }

    static final class Item extends Base {
        private double ratio = Double.NaN;
        private Object owner = new Object();
    }

    /** A program's class below a JDK class whose fields the agent may not read (java.io is not open to it). */
    static final class Wrapped extends FilterInputStream {
        private int reads;

        Wrapped() {
            super(new ByteArrayInputStream(new byte[0]));
        }
    }

    @Test
    void nothingWrittenIsNoChange() {
        Item item = new Item();
        ReleasedState atRelease = ReleasedState.of(item);

        assertNull(atRelease.changeIn(item), "NaN equals itself, and the same owner is the same");
    }

    @Test
    void aPrimitiveWrittenInASuperclassIsNamed() {
        Item item = new Item();
        ReleasedState atRelease = ReleasedState.of(item);
        ((Base) item).count++;

        assertEquals("field Base.count", atRelease.changeIn(item));
    }

    @Test
    void aReferenceIsComparedByIdentity() {
        Item item = new Item();
        ReleasedState atRelease = ReleasedState.of(item);
        item.owner = new Object();

        assertEquals("field Item.owner", atRelease.changeIn(item));
    }

    @Test
    void anArrayIsComparedByItsContents() {
        byte[] buffer = new byte[4096];
        Object[] slots = {new Object(), null};
        ReleasedState bytes = ReleasedState.of(buffer);
        ReleasedState references = ReleasedState.of(slots);
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
        ReleasedState atRelease = ReleasedState.of(w);
        w.reads++;

        assertEquals("field Wrapped.reads", atRelease.changeIn(w));
    }
}
