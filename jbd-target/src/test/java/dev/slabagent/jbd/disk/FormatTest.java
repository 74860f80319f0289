package dev.slabagent.jbd.disk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FormatTest {
    private static final byte[] UUID = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

    @Test
    void superblockRoundTripsAtTheDocumentedOffsets() throws Exception {
        JournalSuperblock sb = JournalSuperblock.format(4096, 1024, 7, UUID);
        sb.setTail(5, 42);
        sb.addIncompatFeatures(JbdFormat.FEATURE_INCOMPAT_REVOKE);
        byte[] image = sb.image();
        assertEquals(0xC03B3998, Be32.get(image, 0));
        assertEquals(4, Be32.get(image, 4));
        assertEquals(4096, Be32.get(image, 0x0C));
        assertEquals(1024, Be32.get(image, 0x10));
        assertEquals(1, Be32.get(image, 0x14));
        assertEquals(42, Be32.get(image, 0x18));
        assertEquals(5, Be32.get(image, 0x1C));
        assertEquals(1, Be32.get(image, 0x28));
        assertEquals(1, Be32.get(image, 0x40));
        assertEquals((byte) 0xC0, image[0], "big-endian magic");

        JournalSuperblock back = JournalSuperblock.parse(image.clone());
        assertEquals(4096, back.blockSize());
        assertEquals(1024, back.maxLen());
        assertEquals(1, back.first());
        assertEquals(42, back.sequence());
        assertEquals(5, back.start());
        assertEquals(JbdFormat.FEATURE_INCOMPAT_REVOKE, back.featureIncompat());
        assertEquals(0, back.featureCompat());
        assertEquals(0, back.featureRoCompat());
        assertEquals(0, back.errno());
        assertArrayEquals(UUID, back.uuid());
    }

    @Test
    void superblockErrorsNameBlockZeroAndTheProblem() {
        byte[] image = JournalSuperblock.format(1024, 64, 1, UUID).image();
        byte[] badMagic = image.clone();
        badMagic[0] = 0;
        assertEquals("journal block 0: bad magic 0x003b3998",
                assertThrows(JournalCorruptException.class, () -> JournalSuperblock.parse(badMagic)).getMessage());
        byte[] badSize = image.clone();
        Be32.put(badSize, 0x0C, 3000);
        assertEquals("journal block 0: bad block size 3000",
                assertThrows(JournalCorruptException.class, () -> JournalSuperblock.parse(badSize)).getMessage());
        byte[] badStart = image.clone();
        Be32.put(badStart, 0x1C, 64);
        assertTrue(assertThrows(JournalCorruptException.class, () -> JournalSuperblock.parse(badStart))
                .getMessage().contains("s_start 64 outside the log"));
        byte[] unknownFeature = image.clone();
        Be32.put(unknownFeature, 0x28, 0x20 | 0x80);
        assertTrue(assertThrows(JournalCorruptException.class, () -> JournalSuperblock.parse(unknownFeature))
                .getMessage().contains("unsupported incompatible features fast_commit bit_7 (0xa0)"));
        byte[] csum = image.clone();
        Be32.put(csum, 0x28, JbdFormat.FEATURE_INCOMPAT_CSUM_V3);
        assertTrue(assertThrows(JournalCorruptException.class, () -> JournalSuperblock.parse(csum))
                .getMessage().contains("checksum type 0 is not crc32c"));
        csum[0x50] = JbdFormat.CHECKSUM_TYPE_CRC32C;
        assertTrue(assertThrows(JournalCorruptException.class, () -> JournalSuperblock.parse(csum))
                .getMessage().contains("bad superblock checksum 0x00000000"));
        Be32.put(csum, 0x28, JbdFormat.FEATURE_INCOMPAT_CSUM_V3 | JbdFormat.FEATURE_INCOMPAT_CSUM_V2);
        assertTrue(assertThrows(JournalCorruptException.class, () -> JournalSuperblock.parse(csum))
                .getMessage().contains("both checksum_v2 and checksum_v3"));
        assertTrue(assertThrows(JournalCorruptException.class, () -> JournalSuperblock.parse(new byte[100]))
                .getMessage().contains("short read"));
    }

    @Test
    void descriptorCapacityFollowsTheKernelRule() {
        assertEquals(506, DescriptorBlock.capacity(4096));
        assertEquals(122, DescriptorBlock.capacity(1024));
        assertEquals(3, DescriptorBlock.blocksFor(2 * 122 + 1, 1024));
    }

    @Test
    void descriptorTagsCarryUuidSameUuidLastTagAndEscape() throws Exception {
        byte[] image = new byte[1024];
        DescriptorBlock d = new DescriptorBlock(image, UUID);
        d.begin(9);
        d.addTag(100, false);
        d.addTag(0xFFFFFFF0L, true);
        d.addTag(7, false);
        d.finish();
        assertEquals(JbdFormat.DESCRIPTOR_BLOCK, BlockHeader.blockType(image));
        assertEquals(9, BlockHeader.sequence(image));
        assertEquals(100, Be32.get(image, 12));
        assertEquals(0, Be32.get(image, 16), "first tag: no flags");
        byte[] uuid = new byte[16];
        System.arraycopy(image, 20, uuid, 0, 16);
        assertArrayEquals(UUID, uuid, "UUID follows the first tag");
        assertEquals(JbdFormat.FLAG_SAME_UUID | JbdFormat.FLAG_ESCAPE, Be32.get(image, 40));
        assertEquals(JbdFormat.FLAG_SAME_UUID | JbdFormat.FLAG_LAST_TAG, Be32.get(image, 48));
        assertEquals(0, Be32.get(image, 52), "zeros after the last tag");

        List<BlockTag> tags = DescriptorBlock.parseTags(image);
        assertEquals(List.of(new BlockTag(100, 0), new BlockTag(0xFFFFFFF0L, 3), new BlockTag(7, 10)), tags);
        assertTrue(tags.get(1).escaped());
    }

    @Test
    void descriptorFillsToCapacityAndAFullOneNeedsNoLastTag() {
        byte[] image = new byte[1024];
        DescriptorBlock d = new DescriptorBlock(image, UUID);
        d.begin(1);
        for (int i = 0; i < 122; i++) {
            assertTrue(d.hasRoom());
            d.addTag(i, false);
        }
        assertFalse(d.hasRoom());
        assertThrows(IllegalStateException.class, () -> d.addTag(1, false));
        // The kernel's count_tags goes on while a whole tag fits: the 8 bytes the writer leaves count as one more.
        assertEquals(123, DescriptorBlock.parseTags(image).size(), "as many tags as fit, as the kernel counts them");
    }

    @Test
    void escapingZeroesTheMagicAndUnescapingRestoresIt() {
        byte[] block = new byte[1024];
        assertFalse(BlockHeader.escape(block));
        Be32.put(block, 0, JbdFormat.MAGIC);
        block[4] = 55;
        assertTrue(BlockHeader.escape(block));
        assertEquals(0, Be32.get(block, 0));
        assertEquals(55, block[4]);
        BlockHeader.unescape(block);
        assertEquals(JbdFormat.MAGIC, Be32.get(block, 0));
    }

    @Test
    void revokeBlocksRoundTripWithRCountIncludingTheHeader() throws Exception {
        assertEquals(1020, RevokeBlock.capacity(4096));
        assertEquals(252, RevokeBlock.capacity(1024));
        assertEquals(2, RevokeBlock.blocksFor(253, 1024));
        byte[] image = new byte[1024];
        long[] blocks = {5, 6, 0xFFFFFFFFL, 9};
        RevokeBlock.write(image, 33, blocks, 1, 3);
        assertEquals(JbdFormat.REVOKE_BLOCK, BlockHeader.blockType(image));
        assertEquals(33, BlockHeader.sequence(image));
        assertEquals(16 + 3 * 4, Be32.get(image, 12));
        assertArrayEquals(new long[] {6, 0xFFFFFFFFL, 9}, RevokeBlock.parse(image, 2));
        Be32.put(image, 12, 16 + 4 * 2 + 3);
        assertArrayEquals(new long[] {6, 0xFFFFFFFFL}, RevokeBlock.parse(image, 2), "a partial record is not read");
        Be32.put(image, 12, 15);
        assertArrayEquals(new long[0], RevokeBlock.parse(image, 2));
        Be32.put(image, 12, 1025);
        assertTrue(assertThrows(JournalCorruptException.class, () -> RevokeBlock.parse(image, 2)).getMessage()
                .contains("revoke block claims r_count 1025, more than the 1024 bytes that fit"));
    }

    @Test
    void commitBlockIsAHeaderFollowedByZeros() {
        byte[] image = new byte[1024];
        image[500] = 1;
        CommitBlock.write(image, 0xFFFFFFFF);
        assertEquals(JbdFormat.COMMIT_BLOCK, BlockHeader.blockType(image));
        assertEquals(0xFFFFFFFF, BlockHeader.sequence(image));
        for (int i = 12; i < image.length; i++) {
            assertEquals(0, image[i]);
        }
    }
}
