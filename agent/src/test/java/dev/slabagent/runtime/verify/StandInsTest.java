package dev.slabagent.runtime.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A stand-in is a fresh object of the sample's exact kind, with no constructor of the program run. */
class StandInsTest {

    /** A class with no no-argument constructor, whose constructor sets every field and counts its runs. */
    static final class Made {
        static int constructed;
        final long id;
        final List<String> parts = new ArrayList<>();
        String label = "init";

        Made(long id) {
            this.id = id;
            constructed++;
        }
    }

    /** A subclass of a JDK class, whose constructor sets the JDK class's field. */
    static final class Wrapped extends FilterOutputStream {
        Wrapped(OutputStream out) {
            super(out);
        }

        OutputStream out() {
            return out;
        }
    }

    @Test
    void anObjectStandInHasEveryFieldAtItsDefaultAndRanNoConstructorOfTheProgram() {
        Made sample = new Made(7);
        int before = Made.constructed;
        Object standIn = StandIns.like(sample);
        assertSame(Made.class, standIn.getClass());
        assertNotSame(sample, standIn);
        Made made = (Made) standIn;
        assertEquals(0, made.id);
        assertNull(made.parts);
        assertNull(made.label);
        assertEquals(before, Made.constructed, "a stand-in runs no constructor of the program");
    }

    @Test
    void aJdkSuperclassesFieldsStayAtTheirDefaultsToo() {
        Wrapped sample = new Wrapped(new ByteArrayOutputStream());
        Wrapped standIn = (Wrapped) StandIns.like(sample);
        assertNull(standIn.out(), "FilterOutputStream's constructor did not run");
    }

    @Test
    void anArrayStandInHasTheSamplesTypeAndLengthAndNoneOfItsContents() {
        byte[] sample = {1, 2, 3, 4};
        Object standIn = StandIns.like(sample);
        assertSame(byte[].class, standIn.getClass());
        assertArrayEquals(new byte[4], (byte[]) standIn);
        String[][] nested = {{"a"}, {"b"}};
        String[][] nestedStandIn = (String[][]) StandIns.like(nested);
        assertEquals(2, nestedStandIn.length);
        assertNull(nestedStandIn[0]);
        assertFalse(nestedStandIn == nested);
    }
}
