package dev.slabagent.jbd.disk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes and parses descriptor blocks: header, then tags; the first tag is followed by the journal UUID,
 * later tags carry SAME_UUID, the last one LAST_TAG. A writer reuses one instance per block image.
 */
public final class DescriptorBlock {
    private final byte[] image;
    private final byte[] uuid;
    private final int capacity;
    private int tags;
    private int offset;
    private int lastTagOffset;

    /**
     * @param image block-sized buffer this writer fills (reused for every descriptor)
     * @param uuid the journal UUID written after the first tag
     */
    public DescriptorBlock(byte[] image, byte[] uuid) {
        this.image = image;
        this.uuid = uuid.clone();
        this.capacity = capacity(image.length);
    }

    /** Tags a descriptor of {@code blockSize} bytes holds under the kernel's rule (space left &lt; 8+16 ends it). */
    public static int capacity(int blockSize) {
        int space = blockSize - JbdFormat.HEADER_SIZE - JbdFormat.UUID_SIZE;
        return (space - JbdFormat.TAG_SIZE - JbdFormat.UUID_SIZE) / JbdFormat.TAG_SIZE + 1;
    }

    /** Descriptor blocks needed for {@code buffers} logged blocks. */
    public static int blocksFor(int buffers, int blockSize) {
        int cap = capacity(blockSize);
        return (buffers + cap - 1) / cap;
    }

    /** Starts a new descriptor for transaction {@code sequence}: clears the image and writes the header. */
    public void begin(int sequence) {
        Arrays.fill(image, (byte) 0);
        BlockHeader.write(image, JbdFormat.DESCRIPTOR_BLOCK, sequence);
        tags = 0;
        offset = JbdFormat.HEADER_SIZE;
    }

    /** Whether another tag fits. */
    public boolean hasRoom() {
        return tags < capacity;
    }

    /** Number of tags added since {@link #begin}. */
    public int tagCount() {
        return tags;
    }

    /** Appends a tag; SAME_UUID is added for every tag after the first. */
    public void addTag(long blockNumber, boolean escaped) {
        if (!hasRoom()) {
            throw new IllegalStateException("descriptor block full at " + tags + " tags");
        }
        int flags = (escaped ? JbdFormat.FLAG_ESCAPE : 0) | (tags == 0 ? 0 : JbdFormat.FLAG_SAME_UUID);
        lastTagOffset = offset;
        Be32.put(image, offset, (int) blockNumber);
        Be32.put(image, offset + 4, flags);
        offset += JbdFormat.TAG_SIZE;
        if (tags == 0) {
            System.arraycopy(uuid, 0, image, offset, JbdFormat.UUID_SIZE);
            offset += JbdFormat.UUID_SIZE;
        }
        tags++;
    }

    /** Marks the last tag with LAST_TAG; the image is then complete. */
    public byte[] finish() {
        if (tags == 0) {
            throw new IllegalStateException("descriptor block without tags");
        }
        Be32.put(image, lastTagOffset + 4, Be32.get(image, lastTagOffset + 4) | JbdFormat.FLAG_LAST_TAG);
        return image;
    }

    /**
     * Parses the tags of a descriptor block of the plain JBD layout.
     *
     * @see #parseTags(byte[], LogFormat)
     */
    public static List<BlockTag> parseTags(byte[] image) {
        return parseTags(image, LogFormat.plain(image.length));
    }

    /**
     * Parses the tags of a descriptor block laid out as {@code format} says, up to and including the one with
     * LAST_TAG, or as many as fit: the kernel's count_tags needs no LAST_TAG, and writers such as debugfs leave
     * it off a full descriptor that another one follows. As in the kernel, flags are the low 16 bits of the
     * tag's second word (the high 16 bits hold the checksum under v2), and tags stop before the checksum tail.
     *
     * @param image the descriptor block
     */
    public static List<BlockTag> parseTags(byte[] image, LogFormat format) {
        int tagBytes = format.tagBytes();
        int end = image.length - format.tailBytes();
        List<BlockTag> result = new ArrayList<>();
        int offset = JbdFormat.HEADER_SIZE;
        while (offset + tagBytes <= end) {
            long blockNumber = Be32.getUnsigned(image, offset);
            int flags = Be32.get(image, offset + 4) & 0xFFFF;
            int checksum = 0;
            if (format.is64Bit()) {
                blockNumber |= Be32.getUnsigned(image, offset + 8) << 32;
            }
            if (format.is32BitTagChecksum()) {
                checksum = Be32.get(image, offset + 12);
            } else if (format.hasBlockChecksums()) {
                checksum = Be32.get(image, offset + 4) >>> 16;
            }
            result.add(new BlockTag(blockNumber, flags, checksum));
            offset += tagBytes;
            if ((flags & JbdFormat.FLAG_SAME_UUID) == 0) {
                offset += JbdFormat.UUID_SIZE;
            }
            if ((flags & JbdFormat.FLAG_LAST_TAG) != 0) {
                return result;
            }
        }
        return result;
    }
}
