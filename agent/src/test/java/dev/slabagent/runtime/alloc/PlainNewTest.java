package dev.slabagent.runtime.alloc;

import static java.lang.invoke.MethodType.methodType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodHandles.Lookup;
import java.lang.invoke.MethodType;
import org.junit.jupiter.api.Test;

class PlainNewTest {

    private static final MethodType POINT = methodType(Point.class, long.class, double.class, int.class, String.class);

    /** A nestmate with a private constructor taking every width of argument. */
    static final class Point {
        final long x;
        final double y;
        final int z;
        final String name;

        private Point(long x, double y, int z, String name) {
            if (z < 0) {
                throw new IllegalArgumentException("z " + z);
            }
            this.x = x;
            this.y = y;
            this.z = z;
            this.name = name;
        }
    }

    @Test
    void constructsThroughABytecodeNewInAHiddenNestmateOfTheSite() throws Throwable {
        MethodHandle make = PlainNew.of(MethodHandles.lookup(), POINT);

        Point p = (Point) make.invokeExact(Long.MAX_VALUE, 2.5, 7, "p");
        Point q = (Point) make.invokeExact(1L, -0.5, 0, "q");

        assertEquals(Long.MAX_VALUE, p.x);
        assertEquals(2.5, p.y);
        assertEquals(7, p.z);
        assertEquals("p", p.name);
        assertNotSame(p, q);
        Class<?> factory = MethodHandles.lookup().revealDirect(make).getDeclaringClass();
        assertTrue(factory.isHidden(), factory + " is the factory, not the constructor's class");
        assertEquals(PlainNewTest.class.getPackageName(), factory.getPackageName());
    }

    @Test
    void aConstructorsExceptionComesThroughUnchanged() {
        MethodHandle make = assertDoesNotThrowOf(MethodHandles.lookup());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> { Point unused = (Point) make.invokeExact(0L, 0.0, -1, "bad"); });
        assertEquals("z -1", e.getMessage());
    }

    @Test
    void aLookupWithoutFullPrivilegeGetsTheConstructorHandle() throws Throwable {
        Lookup noModule = MethodHandles.lookup().dropLookupMode(Lookup.MODULE);
        assertFalse(noModule.hasFullPrivilegeAccess());

        MethodHandle make = PlainNew.of(noModule, methodType(StringBuilder.class, String.class));

        StringBuilder b = (StringBuilder) make.invokeExact("s");
        assertEquals("s", b.toString());
        assertEquals(StringBuilder.class, MethodHandles.lookup().revealDirect(make).getDeclaringClass());
    }

    @Test
    void aConstructorTheSiteCannotReachIsRefusedAsByFindConstructor() {
        Lookup elsewhere = MethodHandles.lookup().in(Object.class);

        assertThrows(IllegalAccessException.class, () -> PlainNew.of(elsewhere, POINT));
    }

    private static MethodHandle assertDoesNotThrowOf(Lookup caller) {
        try {
            return PlainNew.of(caller, POINT);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
