package dev.slabagent.jbd;

import dev.slabagent.jbd.device.BlockDevice;
import dev.slabagent.jbd.device.JournalDevice;
import dev.slabagent.jbd.device.ShortReadException;
import dev.slabagent.jbd.disk.BlockHeader;
import dev.slabagent.jbd.disk.BlockTag;
import dev.slabagent.jbd.disk.Crc32Be;
import dev.slabagent.jbd.disk.DescriptorBlock;
import dev.slabagent.jbd.disk.JbdFormat;
import dev.slabagent.jbd.disk.JournalCorruptException;
import dev.slabagent.jbd.disk.JournalSuperblock;
import dev.slabagent.jbd.disk.LogFormat;
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
 * unexpected sequence, unknown block type, tag beyond the device or the journal, short read) ends the log
 * there, so a torn or corrupt tail is never replayed. A descriptor's tags end at LAST_TAG or where no more
 * fit, as the kernel counts them. Afterwards the journal is reset empty.
 *
 * <p>JBD2 journals are read in their own layout ({@link LogFormat}), with the kernel's checksum rules: a commit
 * block whose checksum fails ends the log before its transaction; a descriptor or revoke block whose checksum
 * fails ends it too when the commit after it is older than the one before (stale blocks of an earlier use of the
 * log), and is an error otherwise; a logged block whose tag checksum fails is not written and is reported.
 */
public final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    private enum Pass { SCAN, REVOKE, REPLAY }

    private final JournalDevice journal;
    private final BlockDevice device;
    private final JournalSuperblock sb;
    private final LogFormat format;
    private final int available;
    private final byte[] block;
    private final byte[] data;
    private final RevokeTable revokes = new RevokeTable();
    private final List<RecoveryResult.Replayed> replayed = new ArrayList<>();
    private final List<RecoveryResult.BadBlock> badBlocks = new ArrayList<>();
    private String stopReason;
    /** Set by SCAN when a commit checksum fails under async_commit: the log ends there whatever follows. */
    private Integer checksumEnd;
    private boolean failedCommit;
    /** SCAN state: a descriptor or revoke block failed its checksum, so the next commit decides (stale or corrupt). */
    private boolean checkCommitTime;
    private long lastCommitTime;
    private int crc32Sum = ~0;
    /** Counts of the transaction the REPLAY pass is in. */
    private int txnStart;
    private int txnBlocks;
    private int txnRevoked;
    private int txnRevokeRecords;

    private Recovery(JournalDevice journal, BlockDevice device, JournalSuperblock sb) {
        this.journal = journal;
        this.device = device;
        this.sb = sb;
        this.format = LogFormat.of(sb);
        this.available = Math.min(sb.maxLen(), journal.journalBlocks());
        this.block = new byte[sb.blockSize()];
        this.data = new byte[sb.blockSize()];
    }

    /**
     * Recovers the journal on {@code journal} into {@code device} and resets it (s_start = 0,
     * s_sequence = end + 1).
     *
     * A log the kernel refuses to recover (a checksum failure inside the live log, a revoke block overflowing)
     * is not replayed at all, and logged blocks that fail their checksum are skipped: {@link RecoveryResult#error()}
     * says which, and the journal is emptied with its sequence unchanged, as e2fsck leaves it.
     *
     * @throws JournalCorruptException if the superblock itself is unusable
     */
    public static RecoveryResult recover(JournalDevice journal, BlockDevice device) throws IOException {
        return recover(journal, device, Journal.readSuperblock(journal));
    }

    static RecoveryResult recover(JournalDevice journal, BlockDevice device, JournalSuperblock sb) throws IOException {
        if (sb.start() == 0) {
            return new RecoveryResult(false, sb.sequence(), sb.sequence(), List.of(), "journal empty (s_start 0)",
                    List.of(), false, null);
        }
        if (device.blockSize() != sb.blockSize()) {
            throw new IllegalArgumentException("device block size " + device.blockSize()
                    + " differs from journal block size " + sb.blockSize());
        }
        int startTid = sb.sequence();
        Recovery r = new Recovery(journal, device, sb);
        String error = null;
        int endTid = startTid;
        try {
            endTid = r.pass(Pass.SCAN, 0);
            r.pass(Pass.REVOKE, endTid);
        } catch (JournalCorruptException e) {
            error = e.getMessage();
            r.stopReason = error;
        }
        if (error == null) {
            r.pass(Pass.REPLAY, endTid);
            if (!r.badBlocks.isEmpty()) {
                error = r.badBlocks.size() + " logged block(s) do not match their tag checksum and were not written";
            }
        }
        device.force();
        // A failed recovery leaves the sequence where it was, as e2fsck does; a good one restarts after the end.
        sb.setTail(0, error == null ? endTid + 1 : startTid);
        journal.writeJournalBlock(journal.superblockBlock(), sb.image());
        journal.force();
        RecoveryResult result = new RecoveryResult(true, startTid, endTid, Collections.unmodifiableList(r.replayed),
                r.stopReason, Collections.unmodifiableList(r.badBlocks), r.failedCommit, error);
        LOG.info("recovery: replayed transactions {}..{} ({} blocks, {} revoked, {} bad checksums); log ended: {}",
                result.startTid(), endTid - 1, result.blocksReplayed(), result.revokedSkipped(), r.badBlocks.size(),
                r.stopReason);
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
        int logSize = sb.maxLen() - sb.first();
        long walked = 0;
        while (pass == Pass.SCAN || tid != end) {
            if (walked >= logSize) {
                // A live log never fills the whole ring: only a corrupt one leads the scan back to s_start.
                return stop(pass, "journal block " + pos + ": the log wraps onto itself without ending", tid);
            }
            String problem = readLogBlock(pos, block);
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
            walked++;
            switch (type) {
                case JbdFormat.DESCRIPTOR_BLOCK -> {
                    if (pass == Pass.SCAN && !format.tailChecksumOk(block)) {
                        checkCommitTime = true;
                    }
                    List<BlockTag> tags;
                    try {
                        tags = checkedTags(at);
                    } catch (JournalCorruptException e) {
                        return stop(pass, e.getMessage(), tid);
                    }
                    if (pass == Pass.SCAN && format.hasCrc32Commit() && !checkCommitTime && checksumEnd == null) {
                        String unreadable = addToCrc32(tags.size(), pos);
                        if (unreadable != null) {
                            return stop(pass, unreadable, tid);
                        }
                    }
                    if (pass == Pass.REPLAY) {
                        replayTags(tags, pos, tid);
                    }
                    pos = wrap(pos + tags.size());
                    walked += tags.size();
                }
                case JbdFormat.REVOKE_BLOCK -> {
                    if (pass == Pass.SCAN && !format.tailChecksumOk(block)) {
                        checkCommitTime = true;
                    }
                    if (pass != Pass.SCAN) {
                        long[] records = RevokeBlock.parse(block, at, format);
                        if (pass == Pass.REVOKE) {
                            for (long blockNumber : records) {
                                revokes.set(blockNumber, tid);
                            }
                        }
                        txnRevokeRecords += records.length;
                    }
                }
                case JbdFormat.COMMIT_BLOCK -> {
                    if (pass == Pass.SCAN) {
                        String logEnd = checkCommit(at, tid);
                        if (logEnd != null) {
                            return stop(pass, logEnd, tid);
                        }
                    }
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

    /**
     * SCAN's checks of the commit block in {@link #block} (journal block {@code at}) of transaction {@code tid}.
     *
     * @return why the log ends before this transaction, or null if it is committed
     * @throws JournalCorruptException if a block of this transaction failed its checksum and the commit is not
     *     older than the previous one: the live log is corrupt, and the kernel refuses to recover it
     */
    private String checkCommit(int at, int tid) throws JournalCorruptException {
        long commitTime = LogFormat.commitSeconds(block);
        String where = "journal block " + at + ": ";
        if (checkCommitTime) {
            if (Long.compareUnsigned(commitTime, lastCommitTime) >= 0) {
                throw new JournalCorruptException(at, "transaction " + Integer.toUnsignedString(tid)
                        + " holds a descriptor or revoke block whose checksum does not match");
            }
            return where + "stale transaction " + Integer.toUnsignedString(tid)
                    + " (a block checksum does not match and its commit is older than the previous one)";
        }
        boolean ok = true;
        if (format.hasCrc32Commit()) {
            if (checksumEnd != null) {
                failedCommit = true;
                return where + "after the failed commit of transaction " + Integer.toUnsignedString(checksumEnd);
            }
            ok = LogFormat.crc32CommitOk(block, crc32Sum);
            if (ok) {
                crc32Sum = ~0;
            }
        }
        if (ok && format.commitChecksumOk(block)) {
            lastCommitTime = commitTime;
            return null;
        }
        if (Long.compareUnsigned(commitTime, lastCommitTime) < 0) {
            return where + "stale commit of transaction " + Integer.toUnsignedString(tid) + " (checksum mismatch)";
        }
        String failed = where + "commit checksum of transaction " + Integer.toUnsignedString(tid) + " does not match";
        checksumEnd = tid;
        if (!format.asyncCommit()) {
            failedCommit = true;
            return failed;
        }
        // async_commit: the commit may have reached the log before its blocks; the log ends here all the same,
        // but the scan goes on as the kernel's does.
        stopReason = failed;
        lastCommitTime = commitTime;
        return null;
    }

    /** Adds the descriptor in {@link #block} and its {@code count} data blocks from {@code pos} to the v1 CRC32. */
    private String addToCrc32(int count, int pos) throws IOException {
        crc32Sum = Crc32Be.update(crc32Sum, block, 0, block.length);
        for (int i = 0; i < count; i++) {
            String problem = readData(wrap(pos + i));
            if (problem != null) {
                return "journal block " + wrap(pos + i) + ": " + problem;
            }
            crc32Sum = Crc32Be.update(crc32Sum, data, 0, data.length);
        }
        return null;
    }

    private int stop(Pass pass, String reason, int tid) throws IOException {
        if (pass != Pass.SCAN) {
            throw new IOException("journal changed between recovery passes: " + reason);
        }
        if (checksumEnd != null) {
            if (stopReason == null) {
                stopReason = reason;
            }
            return checksumEnd;
        }
        stopReason = reason;
        LOG.debug("recovery scan ends at {}", stopReason);
        return tid;
    }

    /** Reads log block {@code pos} into {@code dst}; returns what is wrong with it as a header, or null. */
    private String readLogBlock(int pos, byte[] dst) throws IOException {
        String problem = readRaw(pos, dst);
        if (problem == null && !BlockHeader.hasMagic(dst)) {
            return "no magic number (end of log)";
        }
        return problem;
    }

    private String readData(int pos) throws IOException {
        return readRaw(pos, data);
    }

    private String readRaw(int pos, byte[] dst) throws IOException {
        if (pos >= available) {
            return "short read: beyond the end of the journal (" + available + " blocks)";
        }
        try {
            journal.readJournalBlock(pos, dst);
        } catch (ShortReadException e) {
            return e.getMessage();
        }
        return null;
    }

    /** The tags of the descriptor in {@link #block}, checked against the device and the journal's size. */
    private List<BlockTag> checkedTags(int at) throws JournalCorruptException {
        List<BlockTag> tags = DescriptorBlock.parseTags(block, format);
        for (int i = 0; i < tags.size(); i++) {
            BlockTag tag = tags.get(i);
            if (tag.blockNumber() >= device.blockCount()) {
                throw new JournalCorruptException(at, "tag " + i + " names block " + Long.toUnsignedString(tag.blockNumber())
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
            journal.readJournalBlock(at, data);
            if (!format.tagChecksumOk(tag, data, tid)) {
                badBlocks.add(new RecoveryResult.BadBlock(tid, at, tag.blockNumber()));
                continue;
            }
            if (tag.escaped()) {
                BlockHeader.unescape(data);
            }
            device.writeBlock(tag.blockNumber(), data);
            txnBlocks++;
        }
    }

    private int wrap(int b) {
        return b >= sb.maxLen() ? b - (sb.maxLen() - sb.first()) : b;
    }
}
