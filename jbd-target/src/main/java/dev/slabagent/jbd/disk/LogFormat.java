package dev.slabagent.jbd.disk;

/**
 * How one journal lays out its log, from its superblock's features: the size of a tag and of a revoke record
 * (32- or 64-bit block numbers, 16- or 32-bit tag checksums), whether descriptor and revoke blocks end in a
 * checksum tail, and the crc32c checks of jbd2's checksum v2 and v3, seeded with the journal UUID as the
 * kernel seeds them ({@code j_csum_seed}).
 */
public final class LogFormat {
    /** Size of the checksum tail at the end of descriptor and revoke blocks (jbd2_journal_block_tail). */
    public static final int TAIL_SIZE = 4;
    private static final int COMMIT_CHKSUM_TYPE = 12;
    private static final int COMMIT_CHKSUM_SIZE = 13;
    private static final int COMMIT_CHKSUM = 16;
    private static final int COMMIT_SEC = 0x30;

    private final int blockSize;
    private final boolean wide;
    private final boolean csumV2;
    private final boolean csumV3;
    private final boolean crc32Commit;
    private final boolean asyncCommit;
    private final int seed;

    private LogFormat(int blockSize, int compat, int incompat, byte[] uuid) {
        this.blockSize = blockSize;
        this.wide = (incompat & JbdFormat.FEATURE_INCOMPAT_64BIT) != 0;
        this.csumV2 = (incompat & JbdFormat.FEATURE_INCOMPAT_CSUM_V2) != 0;
        this.csumV3 = (incompat & JbdFormat.FEATURE_INCOMPAT_CSUM_V3) != 0;
        this.crc32Commit = (compat & JbdFormat.FEATURE_COMPAT_CHECKSUM) != 0;
        this.asyncCommit = (incompat & JbdFormat.FEATURE_INCOMPAT_ASYNC_COMMIT) != 0;
        this.seed = Crc32c.update(~0, uuid, 0, uuid.length);
    }

    /** The format of the journal whose (checked) superblock is {@code sb}. */
    public static LogFormat of(JournalSuperblock sb) {
        return new LogFormat(sb.blockSize(), sb.featureCompat(), sb.featureIncompat(), sb.uuid());
    }

    /** The plain JBD layout, without features: what this port's journal writer produces. */
    public static LogFormat plain(int blockSize) {
        return new LogFormat(blockSize, 0, 0, new byte[JbdFormat.UUID_SIZE]);
    }

    /** Whether blocks carry crc32c checksums (v2 or v3). */
    public boolean hasBlockChecksums() {
        return csumV2 || csumV3;
    }

    /** Whether commit blocks carry a CRC32 of the transaction (checksum v1, compat feature). */
    public boolean hasCrc32Commit() {
        return crc32Commit;
    }

    /** Whether the journal was written with async_commit. */
    public boolean asyncCommit() {
        return asyncCommit;
    }

    /** Bytes of one tag (journal_tag_bytes). */
    public int tagBytes() {
        if (csumV3) {
            return 16;
        }
        int size = JbdFormat.TAG_SIZE + (csumV2 ? 2 : 0);
        return wide ? size + 4 : size;
    }

    /** Bytes of one revoke record. */
    public int revokeRecordBytes() {
        return wide ? 8 : JbdFormat.REVOKE_RECORD_SIZE;
    }

    /** Bytes at the end of a descriptor or revoke block that tags and records may not use. */
    public int tailBytes() {
        return hasBlockChecksums() ? TAIL_SIZE : 0;
    }

    /** Whether 64-bit block numbers are in use. */
    public boolean is64Bit() {
        return wide;
    }

    /** Whether tag checksums are 32 bits (v3) rather than 16 (v2). */
    public boolean is32BitTagChecksum() {
        return csumV3;
    }

    /** Whether the checksum tail of a descriptor or revoke block matches (always true without v2/v3). */
    public boolean tailChecksumOk(byte[] block) {
        if (!hasBlockChecksums()) {
            return true;
        }
        return Be32.get(block, blockSize - TAIL_SIZE) == checksumWithZeroedField(block, blockSize - TAIL_SIZE);
    }

    /** Whether a commit block's crc32c matches (always true without v2/v3). */
    public boolean commitChecksumOk(byte[] commit) {
        if (!hasBlockChecksums()) {
            return true;
        }
        return Be32.get(commit, COMMIT_CHKSUM) == checksumWithZeroedField(commit, COMMIT_CHKSUM);
    }

    /**
     * Whether a commit block agrees with the CRC32 of its transaction under checksum v1: it carries exactly
     * that CRC32, or no checksum at all (written by a kernel that had the feature off).
     */
    public static boolean crc32CommitOk(byte[] commit, int crc32) {
        int type = Byte.toUnsignedInt(commit[COMMIT_CHKSUM_TYPE]);
        int size = Byte.toUnsignedInt(commit[COMMIT_CHKSUM_SIZE]);
        int found = Be32.get(commit, COMMIT_CHKSUM);
        return (found == crc32 && type == JbdFormat.COMMIT_CHECKSUM_CRC32 && size == JbdFormat.COMMIT_CHECKSUM_CRC32_SIZE)
                || (type == 0 && size == 0 && found == 0);
    }

    /** h_commit_sec of a commit block (0 where the writer left it zero, as fs/jbd does). */
    public static long commitSeconds(byte[] commit) {
        return Be32.getUnsigned(commit, COMMIT_SEC) << 32 | Be32.getUnsigned(commit, COMMIT_SEC + 4);
    }

    /** Whether the data block logged under {@code tag} in transaction {@code sequence} matches the tag's checksum. */
    public boolean tagChecksumOk(BlockTag tag, byte[] data, int sequence) {
        if (!hasBlockChecksums()) {
            return true;
        }
        byte[] seq = new byte[4];
        Be32.put(seq, 0, sequence);
        int crc = Crc32c.update(Crc32c.update(seed, seq, 0, 4), data, 0, blockSize);
        return csumV3 ? tag.checksum() == crc : tag.checksum() == (crc & 0xFFFF);
    }

    private int checksumWithZeroedField(byte[] block, int at) {
        int saved = Be32.get(block, at);
        Be32.put(block, at, 0);
        int crc = Crc32c.update(seed, block, 0, blockSize);
        Be32.put(block, at, saved);
        return crc;
    }
}
