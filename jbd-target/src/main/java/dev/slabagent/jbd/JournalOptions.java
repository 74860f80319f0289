package dev.slabagent.jbd;

import java.util.Objects;

/**
 * Tunables of an open journal.
 *
 * @param commitIntervalMillis commit the running transaction this long after it started; 0 = commit only when
 *        it is full or a sync asks (no clock involved: runs are reproducible)
 * @param maxTransactionBuffers buffers one transaction may hold; 0 = the kernel's default, a quarter of the journal
 * @param listener told when the journal becomes dirty or clean
 */
public record JournalOptions(long commitIntervalMillis, int maxTransactionBuffers, JournalStateListener listener) {
    /** The kernel's default commit interval (JBD_DEFAULT_MAX_COMMIT_AGE). */
    public static final long DEFAULT_COMMIT_INTERVAL_MILLIS = 5000;

    /** Validates the values. */
    public JournalOptions {
        if (commitIntervalMillis < 0) {
            throw new IllegalArgumentException("commit interval must be >= 0 ms, got " + commitIntervalMillis);
        }
        if (maxTransactionBuffers < 0) {
            throw new IllegalArgumentException("max transaction buffers must be >= 0, got " + maxTransactionBuffers);
        }
        Objects.requireNonNull(listener, "listener");
    }

    /** 5 s commit interval, default transaction size, no listener. */
    public static JournalOptions defaults() {
        return new JournalOptions(DEFAULT_COMMIT_INTERVAL_MILLIS, 0, JournalStateListener.NONE);
    }

    /** These options with another commit interval (0 = none). */
    public JournalOptions withCommitInterval(long millis) {
        return new JournalOptions(millis, maxTransactionBuffers, listener);
    }

    /** These options with another transaction size (0 = default). */
    public JournalOptions withMaxTransactionBuffers(int buffers) {
        return new JournalOptions(commitIntervalMillis, buffers, listener);
    }

    /** These options with another listener. */
    public JournalOptions withListener(JournalStateListener newListener) {
        return new JournalOptions(commitIntervalMillis, maxTransactionBuffers, newListener);
    }
}
