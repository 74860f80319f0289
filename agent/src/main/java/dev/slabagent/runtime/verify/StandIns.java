package dev.slabagent.runtime.verify;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.util.Optional;
import sun.reflect.ReflectionFactory;

/**
 * Fresh objects that take a quarantined sample's place in the cache, so that a sample costs the cache no miss: an
 * array of the sample's type and length, or an object of the sample's class whose fields all hold their defaults
 * (made as deserialization makes one: {@code Object}'s constructor only). A hit re-initialises whatever it takes
 * from the cache (every field of the chain reset, then a copy of the constructor run), so such an object serves a
 * hit exactly as a released one does, and nothing but the cache refers to it.
 */
final class StandIns {

    private static final ClassValue<Optional<Constructor<?>>> BLANK = new ClassValue<>() {
        @Override
        protected Optional<Constructor<?>> computeValue(Class<?> type) {
            try {
                Constructor<?> c = ReflectionFactory.getReflectionFactory()
                        .newConstructorForSerialization(type, Object.class.getDeclaredConstructor());
                return Optional.ofNullable(c);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return Optional.empty();
            }
        }
    };

    private StandIns() {
    }

    /** An object to free in {@code sample}'s place, or {@code null} if none can be made (then the cache misses once). */
    static Object like(Object sample) {
        Class<?> type = sample.getClass();
        if (type.isArray()) {
            return Array.newInstance(type.getComponentType(), Array.getLength(sample));
        }
        Optional<Constructor<?>> blank = BLANK.get(type);
        if (blank.isEmpty()) {
            return null;
        }
        try {
            return blank.get().newInstance();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }
}
