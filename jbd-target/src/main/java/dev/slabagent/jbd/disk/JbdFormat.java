package dev.slabagent.jbd.disk;

/**
 * Constants of the JBD/JBD2 on-disk format (include/linux/jbd.h, jbd2.h). The writer uses the JBD v2 layout without
 * features; recovery also reads JBD2's 64-bit and checksummed layouts ({@link LogFormat}).
 */
public final class JbdFormat {
    /** h_magic of every journal metadata block. */
    public static final int MAGIC = 0xC03B3998;
    /** Size of the common block header: magic, blocktype, sequence. */
    public static final int HEADER_SIZE = 12;

    /** h_blocktype of a descriptor block. */
    public static final int DESCRIPTOR_BLOCK = 1;
    /** h_blocktype of a commit block. */
    public static final int COMMIT_BLOCK = 2;
    /** h_blocktype of a version 1 superblock. */
    public static final int SUPERBLOCK_V1 = 3;
    /** h_blocktype of a version 2 superblock. */
    public static final int SUPERBLOCK_V2 = 4;
    /** h_blocktype of a revoke block. */
    public static final int REVOKE_BLOCK = 5;

    /** Tag flag: the logged copy had its leading magic zeroed. */
    public static final int FLAG_ESCAPE = 0x1;
    /** Tag flag: no UUID follows this tag. */
    public static final int FLAG_SAME_UUID = 0x2;
    /** Tag flag: block deleted by this transaction (never written by fs/jbd). */
    public static final int FLAG_DELETED = 0x4;
    /** Tag flag: last tag of its descriptor block. */
    public static final int FLAG_LAST_TAG = 0x8;

    /** Size of a block tag without 64BIT or checksum features. */
    public static final int TAG_SIZE = 8;
    /** Size of the UUID that follows a tag without SAME_UUID. */
    public static final int UUID_SIZE = 16;

    /** Compatible feature: commit blocks carry a CRC32 of the transaction's blocks (jbd2 checksum v1). */
    public static final int FEATURE_COMPAT_CHECKSUM = 0x1;
    /** Incompatible feature: the journal may contain revoke blocks. */
    public static final int FEATURE_INCOMPAT_REVOKE = 0x1;
    /** Incompatible feature: block numbers in tags and revoke records are 64 bits. */
    public static final int FEATURE_INCOMPAT_64BIT = 0x2;
    /** Incompatible feature: the commit block may be written before the transaction's other blocks. */
    public static final int FEATURE_INCOMPAT_ASYNC_COMMIT = 0x4;
    /** Incompatible feature: crc32c checksums, 16-bit in tags (checksum v2). */
    public static final int FEATURE_INCOMPAT_CSUM_V2 = 0x8;
    /** Incompatible feature: crc32c checksums, 32-bit in tags (checksum v3). */
    public static final int FEATURE_INCOMPAT_CSUM_V3 = 0x10;
    /** Incompatible features recovery replays. Fast commit (0x20) is not among them. */
    public static final int KNOWN_INCOMPAT = FEATURE_INCOMPAT_REVOKE | FEATURE_INCOMPAT_64BIT
            | FEATURE_INCOMPAT_ASYNC_COMMIT | FEATURE_INCOMPAT_CSUM_V2 | FEATURE_INCOMPAT_CSUM_V3;
    /** Incompatible features the journal writer produces: only revoke blocks. */
    public static final int WRITTEN_INCOMPAT = FEATURE_INCOMPAT_REVOKE;
    /** s_checksum_type of a crc32c-checksummed journal (checksum v2 and v3). */
    public static final int CHECKSUM_TYPE_CRC32C = 4;
    /** h_chksum_type of a commit block checksummed with CRC32 (checksum v1). */
    public static final int COMMIT_CHECKSUM_CRC32 = 1;
    /** h_chksum_size of such a commit block. */
    public static final int COMMIT_CHECKSUM_CRC32_SIZE = 4;
    /** jbd2's incompatible feature names by bit, as {@code dumpe2fs} prints them without the journal_ prefix. */
    private static final String[] INCOMPAT_NAMES = {"incompat_revoke", "64bit", "async_commit", "checksum_v2",
        "checksum_v3", "fast_commit"};

    /**
     * Names the incompatible feature bits in {@code bits}, for example {@code "64bit checksum_v3 (0x12)"}; a bit
     * jbd2 does not define reads {@code bit_N}.
     */
    public static String incompatNames(int bits) {
        StringBuilder names = new StringBuilder();
        for (int bit = 0; bit < Integer.SIZE; bit++) {
            if ((bits & (1 << bit)) != 0) {
                names.append(bit < INCOMPAT_NAMES.length ? INCOMPAT_NAMES[bit] : "bit_" + bit).append(' ');
            }
        }
        return names.append(String.format("(0x%x)", bits)).toString();
    }

    /** Offset of r_count in a revoke block. */
    public static final int REVOKE_HEADER_SIZE = 16;
    /** Size of one revoke record without the 64BIT feature. */
    public static final int REVOKE_RECORD_SIZE = 4;

    private JbdFormat() {
    }
}
