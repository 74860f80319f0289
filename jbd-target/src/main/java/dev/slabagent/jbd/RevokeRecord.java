package dev.slabagent.jbd;

/**
 * One revoked block (struct jbd_revoke_record_s), allocated with {@code new}: {@code blockNumber} must not be
 * replayed from any transaction up to and including {@code sequence}.
 */
public final class RevokeRecord {
    final long blockNumber;
    int sequence;

    RevokeRecord(long blockNumber, int sequence) {
        this.blockNumber = blockNumber;
        this.sequence = sequence;
    }
}
