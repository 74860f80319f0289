package dev.slabagent.agent.config;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads a properties file with {@link Properties}' syntax, keeping what {@code Properties} loses: the order of the
 * keys and which keys were given more than once. Values are trimmed, and an inline comment (blanks then {@code #}
 * to the end of the line) is cut off, so the documentation's annotated examples load as written.
 */
final class RawProperties extends Properties {

    private static final long serialVersionUID = 1L;

    private final transient Map<String, String> ordered = new LinkedHashMap<>();
    private final transient List<String> repeated = new ArrayList<>();

    /** Loads {@code in}; throws what {@link Properties#load(Reader)} throws. */
    static RawProperties read(Reader in) throws IOException {
        RawProperties p = new RawProperties();
        p.load(in);
        return p;
    }

    @Override
    public synchronized Object put(Object key, Object value) {
        String k = key.toString().trim();
        if (ordered.containsKey(k)) {
            repeated.add(k);
        }
        ordered.put(k, clean(value.toString()));
        return super.put(key, value);
    }

    /** Keys and cleaned values in file order (for a repeated key, its last value at its first place). */
    Map<String, String> entries() {
        return ordered;
    }

    /** Keys given more than once, once per repetition. */
    List<String> repeatedKeys() {
        return repeated;
    }

    static String clean(String value) {
        return value.replaceFirst("\\s+#.*$", "").trim();
    }
}
