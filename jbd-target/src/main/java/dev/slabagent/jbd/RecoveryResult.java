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
 */
public record RecoveryResult(boolean needed, int startTid, int endTid, List<Replayed> transactions, String stopReason) {
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
