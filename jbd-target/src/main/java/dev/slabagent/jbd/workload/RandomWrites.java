package dev.slabagent.jbd.workload;

import dev.slabagent.jbd.disk.Be32;
import dev.slabagent.jbd.disk.JbdFormat;
import java.util.SplittableRandom;

/**
 * The reproducible write stream of one workload writer: record-sized updates at random record slots of a
 * store, like inode updates in an inode table. Each record names its writer and sequence number, so a
 * recovered store shows which prefix of the stream reached it. Every 8th record starts with the JBD magic,
 * so records at the start of a block exercise escaping.
 *
 * <p>Record layout (big-endian): word 0 = {@link #RECORD_MAGIC} or the JBD magic, word 1 = writer,
 * words 2-3 = sequence (1-based), then bytes derived from the sequence.
 */
public final class RandomWrites {
    /** First word of an ordinary record ("WKLD"). */
    public static final int RECORD_MAGIC = 0x574B4C44;
    /** Smallest record: the 16-byte header. */
    public static final int MIN_RECORD_SIZE = 16;

    private final SplittableRandom random;
    private final int writer;
    private final long slots;
    private final int recordSize;
    private long sequence;

    /**
     * @param seed workload seed
     * @param writer writer number (thread), part of every record
     * @param storeSize bytes in the store
     * @param recordSize bytes per write; must divide the block size
     */
    public RandomWrites(long seed, int writer, long storeSize, int recordSize) {
        if (recordSize < MIN_RECORD_SIZE || storeSize < recordSize) {
            throw new IllegalArgumentException("record size " + recordSize + " must be in [" + MIN_RECORD_SIZE + ", "
                    + storeSize + "]");
        }
        this.random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + writer);
        this.writer = writer;
        this.slots = storeSize / recordSize;
        this.recordSize = recordSize;
    }

    /** Sequence number of the last record produced (0 before the first). */
    public long sequence() {
        return sequence;
    }

    /**
     * Produces the next write: fills {@code record} (at least the record size) and returns its byte position.
     */
    public long next(byte[] record) {
        sequence++;
        fill(record, writer, sequence, recordSize);
        return random.nextLong(slots) * recordSize;
    }

    /** The content of record {@code sequence} of {@code writer}, as {@link #next} writes it. */
    public static void fill(byte[] record, int writer, long sequence, int recordSize) {
        Be32.put(record, 0, sequence % 8 == 0 ? JbdFormat.MAGIC : RECORD_MAGIC);
        Be32.put(record, 4, writer);
        Be32.put(record, 8, (int) (sequence >>> 32));
        Be32.put(record, 12, (int) sequence);
        for (int i = MIN_RECORD_SIZE; i < recordSize; i++) {
            record[i] = (byte) (sequence * 31 + i);
        }
    }

    /** The sequence number stored in a record at {@code offset} of {@code data}, 0 for a never-written slot. */
    public static long sequenceAt(byte[] data, int offset) {
        return ((long) Be32.get(data, offset + 8) << 32) | Be32.getUnsigned(data, offset + 12);
    }
}
