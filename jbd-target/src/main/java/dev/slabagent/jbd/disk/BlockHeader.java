package dev.slabagent.jbd.disk;

/** The 12-byte header that starts every journal metadata block (journal_header_t). */
public final class BlockHeader {
    private static final int TYPE_OFFSET = 4;
    private static final int SEQUENCE_OFFSET = 8;

    private BlockHeader() {
    }

    /** Writes magic, {@code blockType} and {@code sequence} at the start of {@code block}. */
    public static void write(byte[] block, int blockType, int sequence) {
        Be32.put(block, 0, JbdFormat.MAGIC);
        Be32.put(block, TYPE_OFFSET, blockType);
        Be32.put(block, SEQUENCE_OFFSET, sequence);
    }

    /** Whether {@code block} starts with the JBD magic (a data block that needs escaping, or a metadata block). */
    public static boolean hasMagic(byte[] block) {
        return Be32.get(block, 0) == JbdFormat.MAGIC;
    }

    /** h_blocktype of {@code block}. */
    public static int blockType(byte[] block) {
        return Be32.get(block, TYPE_OFFSET);
    }

    /** h_sequence (transaction id) of {@code block}. */
    public static int sequence(byte[] block) {
        return Be32.get(block, SEQUENCE_OFFSET);
    }

    /**
     * Escapes a data block copy in place if it begins with the magic.
     *
     * @return whether the copy was escaped (its tag then carries {@link JbdFormat#FLAG_ESCAPE})
     */
    public static boolean escape(byte[] copy) {
        if (!hasMagic(copy)) {
            return false;
        }
        Be32.put(copy, 0, 0);
        return true;
    }

    /** Puts the magic back into a data block that was logged escaped. */
    public static void unescape(byte[] copy) {
        Be32.put(copy, 0, JbdFormat.MAGIC);
    }
}
