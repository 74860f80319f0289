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
 * object, the values of its instance fields that a {@link FieldAccess} makes readable (a program's and its
 * libraries' classes; with the agent's access, those of JDK superclasses too), compared by value for primitives and
 * by identity for references; for an array, a hash of its contents. Reads after a release are not seen, nor
 * writes into objects the fields refer to.
 */
final class ReleasedState {

    /** The readable instance fields of each class, its superclasses' included, as a {@link FieldAccess} opens them. */
    static final class Fields extends ClassValue<Field[]> {
        private final FieldAccess access;

        Fields(FieldAccess access) {
            this.access = access;
        }

        @Override
        protected Field[] computeValue(Class<?> type) {
            List<Field> fields = new ArrayList<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(f.getModifiers()) && opens(f)) {
                        fields.add(f);
                    }
                }
            }
            return fields.toArray(new Field[0]);
        }

        private boolean opens(Field f) {
            try {
                return access.open(f);
            } catch (RuntimeException e) {
                return false;
            }
        }
    }

    private final Field[] fields;
    private final Object[] values;
    private final int contents;

    private ReleasedState(Field[] fields, Object[] values, int contents) {
        this.fields = fields;
        this.values = values;
        this.contents = contents;
    }

    /**
     * The state of {@code o} now, by the fields {@code readable} gives its class; {@code null} if it cannot be read
     * (then nothing is compared).
     */
    static ReleasedState of(Object o, Fields readable) {
        try {
            if (o.getClass().isArray()) {
                return new ReleasedState(null, null, contentsHash(o));
            }
            Field[] fields = readable.get(o.getClass());
            Object[] values = new Object[fields.length];
            for (int i = 0; i < fields.length; i++) {
                values[i] = read(fields[i], o);
            }
            return new ReleasedState(fields, values, 0);
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
        for (int i = 0; i < fields.length; i++) {
            Object now = read(fields[i], o);
            boolean same = fields[i].getType().isPrimitive() ? Objects.equals(now, values[i]) : now == values[i];
            if (!same) {
                return "field " + fields[i].getDeclaringClass().getSimpleName() + "." + fields[i].getName();
            }
        }
        return null;
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
