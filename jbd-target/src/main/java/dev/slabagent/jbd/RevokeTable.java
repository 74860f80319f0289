package dev.slabagent.jbd;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** A revoke hash table (struct jbd_revoke_table_s) keyed by block number, iterated in insertion order. */
final class RevokeTable {
    private final Map<Long, RevokeRecord> records = new LinkedHashMap<>();

    /** Records that {@code blockNumber} is revoked up to {@code sequence}, keeping the newest sequence. */
    void set(long blockNumber, int sequence) {
        RevokeRecord record = records.get(blockNumber);
        if (record == null) {
            records.put(blockNumber, new RevokeRecord(blockNumber, sequence));
        } else if (Tids.after(sequence, record.sequence)) {
            record.sequence = sequence;
        }
    }

    /** Whether a copy of {@code blockNumber} logged by transaction {@code sequence} is revoked. */
    boolean test(long blockNumber, int sequence) {
        RevokeRecord record = records.get(blockNumber);
        return record != null && !Tids.after(sequence, record.sequence);
    }

    /** Removes the record for {@code blockNumber} (journal_cancel_revoke). */
    void clear(long blockNumber) {
        records.remove(blockNumber);
    }

    int size() {
        return records.size();
    }

    Collection<RevokeRecord> records() {
        return records.values();
    }
}
