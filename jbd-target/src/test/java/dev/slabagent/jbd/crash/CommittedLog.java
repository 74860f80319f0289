package dev.slabagent.jbd.crash;

import dev.slabagent.jbd.disk.BlockHeader;
import dev.slabagent.jbd.disk.BlockTag;
import dev.slabagent.jbd.disk.Be32;
import dev.slabagent.jbd.disk.DescriptorBlock;
import dev.slabagent.jbd.disk.JbdFormat;
import dev.slabagent.jbd.disk.JournalCorruptException;
import dev.slabagent.jbd.disk.JournalSuperblock;
import dev.slabagent.jbd.workload.RandomWrites;
import java.util.Arrays;
import java.util.List;

/**
 * The crash test's oracle of what was committed, read from the killed child's journal file without
 * {@link dev.slabagent.jbd.Recovery}: it walks the live log from {@code s_start} through the transactions whose
 * commit block is on disk and, per writer, takes the highest {@link RandomWrites} record sequence in the blocks
 * they logged. A logged block is frozen at its transaction's commit, so for a writer that wrote in those
 * transactions the maximum is its last write in the last complete one (the caller adds the home blocks for a writer
 * whose commits were all checkpointed): the state after exactly that prefix of transactions is the writers' record
 * streams up to these sequences.
 */
final class CommittedLog {

    private final byte[] journal;
    private final JournalSuperblock sb;
    private final int recordSize;
    private final int firstWriter;
    private final long[] committed;
    private final long[] pending;

    private CommittedLog(byte[] journal, int recordSize, int firstWriter, int writers) throws JournalCorruptException {
        this.journal = journal;
        this.sb = JournalSuperblock.parse(Arrays.copyOf(journal, JournalSuperblock.MIN_BLOCK_SIZE));
        this.recordSize = recordSize;
        this.firstWriter = firstWriter;
        this.committed = new long[writers];
        this.pending = new long[writers];
    }

    /**
     * Per writer {@code firstWriter + w}, the highest sequence of its records logged by the complete transactions
     * of {@code journal} (a journal file's bytes); 0 for a writer the live log does not hold, or an empty log.
     */
    static long[] highestCommitted(byte[] journal, int recordSize, int firstWriter, int writers)
            throws JournalCorruptException {
        CommittedLog log = new CommittedLog(journal, recordSize, firstWriter, writers);
        if (log.sb.start() != 0) {
            log.walk();
        }
        return log.committed;
    }

    /** The highest sequence of a record of {@code writer} in {@code data} (record slots from offset 0), or 0. */
    static long highestSequence(byte[] data, int writer, int recordSize) {
        long max = 0;
        for (int off = 0; off + recordSize <= data.length; off += recordSize) {
            int magic = Be32.get(data, off);
            if ((magic == RandomWrites.RECORD_MAGIC || magic == JbdFormat.MAGIC) && RandomWrites.writerAt(data, off) == writer) {
                max = Math.max(max, RandomWrites.sequenceAt(data, off));
            }
        }
        return max;
    }

    /** Walks the log like recovery's SCAN pass, stopping at the first block that does not continue it. */
    private void walk() {
        int pos = sb.start();
        int tid = sb.sequence();
        int logSize = sb.maxLen() - sb.first();
        for (int walked = 0; walked < logSize; ) {
            byte[] block = block(pos);
            if (block == null || !BlockHeader.hasMagic(block) || BlockHeader.sequence(block) != tid) {
                return;
            }
            int type = BlockHeader.blockType(block);
            if (type == JbdFormat.DESCRIPTOR_BLOCK) {
                List<BlockTag> tags = DescriptorBlock.parseTags(block);
                for (int i = 0; i < tags.size(); i++) {
                    byte[] data = block(wrap(pos + 1 + i));
                    if (data == null) {
                        return;
                    }
                    if (tags.get(i).escaped()) {
                        BlockHeader.unescape(data);
                    }
                    note(data);
                }
                pos = wrap(pos + 1 + tags.size());
                walked += 1 + tags.size();
            } else if (type == JbdFormat.COMMIT_BLOCK) {
                for (int w = 0; w < committed.length; w++) {
                    committed[w] = Math.max(committed[w], pending[w]);
                }
                tid++;
                pos = wrap(pos + 1);
                walked++;
            } else {
                // The child never discards, so no revoke block can hide a logged block from replay.
                throw new AssertionError("journal block " + pos + ": unexpected block type " + type);
            }
        }
    }

    private void note(byte[] data) {
        for (int w = 0; w < pending.length; w++) {
            pending[w] = Math.max(pending[w], highestSequence(data, firstWriter + w, recordSize));
        }
    }

    /** A copy of journal block {@code n}, or null if the file is shorter. */
    private byte[] block(int n) {
        long from = (long) n * sb.blockSize();
        return from + sb.blockSize() > journal.length ? null
                : Arrays.copyOfRange(journal, (int) from, (int) from + sb.blockSize());
    }

    private int wrap(int b) {
        return b >= sb.maxLen() ? b - (sb.maxLen() - sb.first()) : b;
    }
}
