package dev.slabagent.jbd;

import dev.slabagent.jbd.device.BlockDevice;
import dev.slabagent.jbd.device.JournalDevice;
import dev.slabagent.jbd.device.ShortReadException;
import dev.slabagent.jbd.disk.BlockHeader;
import dev.slabagent.jbd.disk.BlockTag;
import dev.slabagent.jbd.disk.DescriptorBlock;
import dev.slabagent.jbd.disk.JbdFormat;
import dev.slabagent.jbd.disk.JournalCorruptException;
import dev.slabagent.jbd.disk.JournalSuperblock;
import dev.slabagent.jbd.disk.RevokeBlock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * recovery.c: replays a journal in three passes from (s_start, s_sequence). SCAN finds the end of the log,
 * the first transaction without a valid commit block; REVOKE collects revoke records; REPLAY copies every
 * logged block not revoked by the same or a later transaction to its home block. Anything invalid (bad magic,
 * unexpected sequence, unknown block type, descriptor without LAST_TAG, tag beyond the device, short read)
 * ends the log there, so a torn or corrupt tail is never replayed. Afterwards the journal is reset empty.
 */
public final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    private enum Pass { SCAN, REVOKE, REPLAY }

    private final JournalDevice journal;
    private final BlockDevice device;
    private final JournalSuperblock sb;
    private final int available;
    private final byte[] block;
    private final RevokeTable revokes = new RevokeTable();
    private final List<RecoveryResult.Replayed> replayed = new ArrayList<>();
    private int endTid;
    private String stopReason;
    /** Counts of the transaction the REPLAY pass is in. */
    private int txnStart;
    private int txnBlocks;
    private int txnRevoked;
    private int txnRevokeRecords;

    private Recovery(JournalDevice journal, BlockDevice device, JournalSuperblock sb) {
        this.journal = journal;
        this.device = device;
        this.sb = sb;
        this.available = Math.min(sb.maxLen(), journal.journalBlocks());
        this.block = new byte[sb.blockSize()];
    }

    /**
     * Recovers the journal on {@code journal} into {@code device} and resets it (s_start = 0,
     * s_sequence = end + 1).
     *
     * @throws JournalCorruptException if the superblock itself is unusable
     */
    public static RecoveryResult recover(JournalDevice journal, BlockDevice device) throws IOException {
        return recover(journal, device, Journal.readSuperblock(journal));
    }

    static RecoveryResult recover(JournalDevice journal, BlockDevice device, JournalSuperblock sb) throws IOException {
        if (sb.start() == 0) {
            return new RecoveryResult(false, sb.sequence(), sb.sequence(), List.of(), "journal empty (s_start 0)");
        }
        if (device.blockSize() != sb.blockSize()) {
            throw new IllegalArgumentException("device block size " + device.blockSize()
                    + " differs from journal block size " + sb.blockSize());
        }
        int startTid = sb.sequence();
        Recovery r = new Recovery(journal, device, sb);
        r.endTid = r.pass(Pass.SCAN, 0);
        r.pass(Pass.REVOKE, r.endTid);
        r.pass(Pass.REPLAY, r.endTid);
        device.force();
        sb.setTail(0, r.endTid + 1);
        journal.writeJournalBlock(0, sb.image());
        journal.force();
        RecoveryResult result = new RecoveryResult(true, startTid, r.endTid,
                Collections.unmodifiableList(r.replayed), r.stopReason);
        LOG.info("recovery: replayed transactions {}..{} ({} blocks, {} revoked); log ended: {}", result.startTid(),
                r.endTid - 1, result.blocksReplayed(), result.revokedSkipped(), r.stopReason);
        return result;
    }

    /**
     * One pass over the log (do_one_pass).
     *
     * @param end for REVOKE and REPLAY, the tid to stop at (from SCAN)
     * @return for SCAN, the first tid without a valid commit block
     */
    private int pass(Pass pass, int end) throws IOException {
        int pos = sb.start();
        int tid = sb.sequence();
        beginTransaction(pos);
        while (pass == Pass.SCAN || tid != end) {
            String problem = readLogBlock(pos);
            if (problem == null && BlockHeader.sequence(block) != tid) {
                problem = "sequence " + Integer.toUnsignedString(BlockHeader.sequence(block)) + ", expected "
                        + Integer.toUnsignedString(tid);
            }
            if (problem != null) {
                return stop(pass, "journal block " + pos + ": " + problem, tid);
            }
            int type = BlockHeader.blockType(block);
            int at = pos;
            pos = wrap(pos + 1);
            switch (type) {
                case JbdFormat.DESCRIPTOR_BLOCK -> {
                    List<BlockTag> tags;
                    try {
                        tags = checkedTags(at);
                    } catch (JournalCorruptException e) {
                        return stop(pass, e.getMessage(), tid);
                    }
                    if (pass == Pass.REPLAY) {
                        replayTags(tags, pos, tid);
                    }
                    pos = wrap(pos + tags.size());
                }
                case JbdFormat.REVOKE_BLOCK -> {
                    long[] records;
                    try {
                        records = RevokeBlock.parse(block, at);
                    } catch (JournalCorruptException e) {
                        return stop(pass, e.getMessage(), tid);
                    }
                    if (pass == Pass.REVOKE) {
                        for (long blockNumber : records) {
                            revokes.set(blockNumber, tid);
                        }
                    }
                    txnRevokeRecords += records.length;
                }
                case JbdFormat.COMMIT_BLOCK -> {
                    if (pass == Pass.REPLAY) {
                        int logBlocks = pos > txnStart ? pos - txnStart : pos - txnStart + sb.maxLen() - sb.first();
                        replayed.add(new RecoveryResult.Replayed(tid, txnStart, logBlocks, txnBlocks, txnRevoked,
                                txnRevokeRecords));
                    }
                    tid++;
                    beginTransaction(pos);
                }
                default -> {
                    return stop(pass, "journal block " + at + ": unexpected block type " + type, tid);
                }
            }
        }
        return tid;
    }

    private int stop(Pass pass, String reason, int tid) throws IOException {
        if (pass != Pass.SCAN) {
            throw new IOException("journal changed between recovery passes: " + reason);
        }
        stopReason = reason;
        LOG.debug("recovery scan ends at {}", stopReason);
        return tid;
    }

    /** Reads log block {@code pos} into {@link #block}; returns what is wrong with it as a header, or null. */
    private String readLogBlock(int pos) throws IOException {
        if (pos >= available) {
            return "short read: beyond the end of the journal (" + available + " blocks)";
        }
        try {
            journal.readJournalBlock(pos, block);
        } catch (ShortReadException e) {
            return e.getMessage();
        }
        if (!BlockHeader.hasMagic(block)) {
            return "no magic number (end of log)";
        }
        return null;
    }

    /** The tags of the descriptor in {@link #block}, checked against the device and the journal's size. */
    private List<BlockTag> checkedTags(int at) throws JournalCorruptException {
        List<BlockTag> tags = DescriptorBlock.parseTags(block, at);
        for (int i = 0; i < tags.size(); i++) {
            BlockTag tag = tags.get(i);
            if (tag.blockNumber() >= device.blockCount()) {
                throw new JournalCorruptException(at, "tag " + i + " names block " + tag.blockNumber()
                        + " beyond the device's " + device.blockCount() + " blocks");
            }
            if (wrap(at + 1 + i) >= available) {
                throw new JournalCorruptException(at, "data block " + wrap(at + 1 + i) + " of tag " + i
                        + " lies beyond the end of the journal");
            }
        }
        return tags;
    }

    private void beginTransaction(int pos) {
        txnStart = pos;
        txnBlocks = 0;
        txnRevoked = 0;
        txnRevokeRecords = 0;
    }

    private void replayTags(List<BlockTag> tags, int pos, int tid) throws IOException {
        for (BlockTag tag : tags) {
            int at = pos;
            pos = wrap(pos + 1);
            if (revokes.test(tag.blockNumber(), tid)) {
                txnRevoked++;
                continue;
            }
            journal.readJournalBlock(at, block);
            if (tag.escaped()) {
                BlockHeader.unescape(block);
            }
            device.writeBlock(tag.blockNumber(), block);
            txnBlocks++;
        }
    }

    private int wrap(int b) {
        return b >= sb.maxLen() ? b - (sb.maxLen() - sb.first()) : b;
    }
}
