package dev.slabagent.jbd.disk;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Big-endian 32-bit fields in a block image, the byte order of every JBD structure. */
public final class Be32 {
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private Be32() {
    }

    /** Reads the big-endian int at {@code offset}. */
    public static int get(byte[] block, int offset) {
        return (int) INT.get(block, offset);
    }

    /** Reads the big-endian u32 at {@code offset} as a non-negative long. */
    public static long getUnsigned(byte[] block, int offset) {
        return Integer.toUnsignedLong(get(block, offset));
    }

    /** Writes {@code value} big-endian at {@code offset}. */
    public static void put(byte[] block, int offset, int value) {
        INT.set(block, offset, value);
    }
}
