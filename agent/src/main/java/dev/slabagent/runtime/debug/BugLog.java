package dev.slabagent.runtime.debug;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes bug reports of one cache through SLF4J at WARN: a summary line, then the stacks. After
 * {@value #MAX_LOGGED} reports of one kind the rest are only counted (slabinfo shows them all), so a bug on a hot
 * path cannot flood the log.
 */
final class BugLog {

    /** Reports of one kind written to the log per cache; later ones are only counted. */
    static final int MAX_LOGGED = 100;

    private static final Logger LOG = LoggerFactory.getLogger(SlabDebug.class);

    private final Map<BugKind, AtomicLong> logged = new EnumMap<>(BugKind.class);

    BugLog() {
        for (BugKind k : BugKind.values()) {
            logged.put(k, new AtomicLong());
        }
    }

    /** Logs {@code summary} followed by {@code stacks} (each a title and a {@link CallStack}), within the limit. */
    void report(BugKind kind, String summary, Object... stacks) {
        long n = logged.get(kind).incrementAndGet();
        if (n > MAX_LOGGED) {
            return;
        }
        StringBuilder text = new StringBuilder(summary);
        for (int i = 0; i + 1 < stacks.length; i += 2) {
            text.append("\n  ").append(stacks[i]).append(':').append(((CallStack) stacks[i + 1]).frames());
        }
        if (n == MAX_LOGGED) {
            text.append("\n  (further ").append(kind.label()).append(" reports of this cache are only counted in slabinfo)");
        }
        LOG.warn("{}", text);
    }
}
