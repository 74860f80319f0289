package dev.slabagent.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The kind of object a contract test caches, and an owner tag on it: an int in the object that a test thread
 * compare-and-sets from 0 (free) to its id when the cache hands the object out, so two owners at once show up as
 * a failed CAS.
 */
abstract class Tagging {

    /** Tag of an object nobody owns. */
    static final int FREE = 0;

    /** Creates what {@code new} would at a missed allocation site. */
    abstract Object create();

    /** Atomically changes the tag from {@code expected} to {@code update}; false if it was not {@code expected}. */
    abstract boolean cas(Object o, int expected, int update);

    /** The current tag. */
    abstract int tag(Object o);

    /** Plain objects with an int owner field. */
    static final class Objects extends Tagging {
        @Override
        Object create() {
            return new Tagged();
        }

        @Override
        boolean cas(Object o, int expected, int update) {
            return Tagged.OWNER.compareAndSet((Tagged) o, expected, update);
        }

        @Override
        int tag(Object o) {
            return (int) Tagged.OWNER.getVolatile((Tagged) o);
        }

        @Override
        public String toString() {
            return "objects";
        }
    }

    /**
     * {@code byte[4096]} arrays (the frozen-copy cache of issue 8); the tag is the array's first four bytes, changed
     * under the array's monitor (byte-array views lost their atomic access modes in JDK 23).
     */
    static final class ByteArrays extends Tagging {
        static final int LENGTH = 4096;
        private static final VarHandle INT_AT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());

        @Override
        Object create() {
            return new byte[LENGTH];
        }

        @Override
        boolean cas(Object o, int expected, int update) {
            byte[] array = (byte[]) o;
            synchronized (array) {
                if ((int) INT_AT.get(array, 0) != expected) {
                    return false;
                }
                INT_AT.set(array, 0, update);
                return true;
            }
        }

        @Override
        int tag(Object o) {
            byte[] array = (byte[]) o;
            synchronized (array) {
                return (int) INT_AT.get(array, 0);
            }
        }

        @Override
        public String toString() {
            return "byte[" + LENGTH + "]";
        }
    }

    /** A cached object in the tests: just its owner tag. */
    static final class Tagged {
        static final VarHandle OWNER;

        static {
            try {
                OWNER = MethodHandles.lookup().findVarHandle(Tagged.class, "owner", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        @SuppressWarnings("unused") // accessed through OWNER
        private volatile int owner;
    }
}
