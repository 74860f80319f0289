package dev.slabagent.jbd.disk;

/** Constants of the JBD v2 on-disk format (include/linux/jbd.h), without checksum features. */
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

    /** Incompatible feature: the journal may contain revoke blocks. */
    public static final int FEATURE_INCOMPAT_REVOKE = 0x1;
    /** Incompatible features this implementation understands. */
    public static final int KNOWN_INCOMPAT = FEATURE_INCOMPAT_REVOKE;
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
