package dev.slabagent.runtime.verify;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a released object held when it was released, to tell later whether code wrote to it after its release (a
 * release rule declared too early: the object is still in use, and once reused, two users would share it). For an
 * object, the values of its instance fields that the agent may read (those of classes not in a module closed to it:
 * a program's and its libraries' classes), compared by value for primitives and by identity for references; for an
 * array, a hash of its contents. Reads after a release are not seen, nor writes into objects the fields refer to.
 */
final class ReleasedState {

    private static final ClassValue<Field[]> FIELDS = new ClassValue<>() {
        @Override
        protected Field[] computeValue(Class<?> type) {
            List<Field> fields = new ArrayList<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(f.getModifiers()) && trySetAccessible(f)) {
                        fields.add(f);
                    }
                }
            }
            return fields.toArray(new Field[0]);
        }
    };

    private final Object[] values;
    private final int contents;

    private ReleasedState(Object[] values, int contents) {
        this.values = values;
        this.contents = contents;
    }

    /** The state of {@code o} now; {@code null} if it cannot be read (then nothing is compared). */
    static ReleasedState of(Object o) {
        try {
            if (o.getClass().isArray()) {
                return new ReleasedState(null, contentsHash(o));
            }
            Field[] fields = FIELDS.get(o.getClass());
            Object[] values = new Object[fields.length];
            for (int i = 0; i < fields.length; i++) {
                values[i] = read(fields[i], o);
            }
            return new ReleasedState(values, 0);
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /**
     * What of {@code o}, the object this state was taken of, differs from it now: {@code "field NAME"}, {@code "its
     * contents"} for an array, or {@code null} if nothing does.
     */
    String changeIn(Object o) {
        if (values == null) {
            return contentsHash(o) == contents ? null : "its contents";
        }
        Field[] fields = FIELDS.get(o.getClass());
        for (int i = 0; i < fields.length; i++) {
            Object now = read(fields[i], o);
            boolean same = fields[i].getType().isPrimitive() ? Objects.equals(now, values[i]) : now == values[i];
            if (!same) {
                return "field " + fields[i].getDeclaringClass().getSimpleName() + "." + fields[i].getName();
            }
        }
        return null;
    }

    private static boolean trySetAccessible(Field f) {
        try {
            return f.trySetAccessible();
        } catch (SecurityException e) {
            return false;
        }
    }

    private static Object read(Field f, Object o) {
        try {
            return f.get(o);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("field " + f + " was made accessible", e);
        }
    }

    /** A hash of an array's elements: by value for primitives, by identity for references. */
    private static int contentsHash(Object array) {
        if (array instanceof Object[] a) {
            int h = 1;
            for (Object e : a) {
                h = 31 * h + System.identityHashCode(e);
            }
            return h;
        }
        if (array instanceof byte[] a) {
            return Arrays.hashCode(a);
        }
        if (array instanceof char[] a) {
            return Arrays.hashCode(a);
        }
        if (array instanceof int[] a) {
            return Arrays.hashCode(a);
        }
        if (array instanceof long[] a) {
            return Arrays.hashCode(a);
        }
        if (array instanceof short[] a) {
            return Arrays.hashCode(a);
        }
        if (array instanceof double[] a) {
            return Arrays.hashCode(a);
        }
        if (array instanceof float[] a) {
            return Arrays.hashCode(a);
        }
        return Arrays.hashCode((boolean[]) array);
    }
}
