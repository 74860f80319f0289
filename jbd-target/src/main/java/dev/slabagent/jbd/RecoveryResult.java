package dev.slabagent.jbd;

import java.util.List;

/**
 * What recovery found and replayed.
 *
 * @param needed whether the journal held transactions (s_start != 0)
 * @param startTid first transaction id scanned (s_sequence)
 * @param endTid first transaction id without a valid commit block: transactions {@code [startTid, endTid)} were replayed
 * @param transactions per replayed transaction, in log order
 * @param stopReason why the scan stopped, naming the journal block
 * @param badBlocks logged blocks not written because their tag checksum did not match
 * @param failedCommit whether the log ended at a commit block whose checksum did not match (the kernel's
 *     {@code j_failed_commit}): what came before is replayed, and the file system is to be marked with errors
 * @param error why recovery failed as the kernel's fails (a checksum error inside the live log, a revoke block
 *     that overflows, logged blocks with bad checksums), or null; the journal is then emptied with its sequence
 *     unchanged, as e2fsck leaves it
 */
public record RecoveryResult(boolean needed, int startTid, int endTid, List<Replayed> transactions, String stopReason,
                             List<BadBlock> badBlocks, boolean failedCommit, String error) {
    /**
     * A logged block recovery skipped because its checksum did not match its tag (the kernel skips it too and
     * fails the recovery at the end).
     *
     * @param tid its transaction
     * @param logBlock the journal block holding the copy
     * @param homeBlock the block it would have been written to
     */
    public record BadBlock(int tid, int logBlock, long homeBlock) {
    }

    /**
     * One replayed transaction.
     *
     * @param tid transaction id
     * @param logStart journal block of its first block
     * @param logBlocks journal blocks it occupies, commit block included
     * @param blocks home blocks written from it
     * @param revoked logged blocks skipped because a revoke covers them
     * @param revokeRecords revoke records it carries
     */
    public record Replayed(int tid, int logStart, int logBlocks, int blocks, int revoked, int revokeRecords) {
    }

    /** Home blocks written in total. */
    public int blocksReplayed() {
        return transactions.stream().mapToInt(Replayed::blocks).sum();
    }

    /** Logged blocks skipped because of revokes. */
    public int revokedSkipped() {
        return transactions.stream().mapToInt(Replayed::revoked).sum();
    }
}
