package dev.slabagent.jbd.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/** The checksums and tag layouts of JBD2 journals, on synthetic blocks (real journals: RecoverImageTest). */
class ChecksumTest {
    private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UUID = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

    @Test
    void crc32cIsTheRawRegisterOfTheStandardCrc() {
        assertEquals(0xE3069283, ~Crc32c.update(~0, CHECK, 0, CHECK.length), "CRC-32C check value");
        CRC32C jdk = new CRC32C();
        jdk.update(CHECK);
        assertEquals((int) jdk.getValue(), ~Crc32c.update(~0, CHECK, 0, CHECK.length));
        int split = Crc32c.update(Crc32c.update(7, CHECK, 0, 4), CHECK, 4, 5);
        assertEquals(Crc32c.update(7, CHECK, 0, 9), split, "a seed chains through buffers");
    }

    @Test
    void crc32BeIsCrc32Mpeg2() {
        assertEquals(0x0376E6E7, Crc32Be.update(~0, CHECK, 0, CHECK.length), "CRC-32/MPEG-2 check value");
    }

    @Test
    void tagSizesFollowTheFeatures() {
        assertEquals(8, format(0).tagBytes());
        assertEquals(12, format(JbdFormat.FEATURE_INCOMPAT_64BIT).tagBytes());
        assertEquals(10, format(JbdFormat.FEATURE_INCOMPAT_CSUM_V2).tagBytes());
        assertEquals(14, format(JbdFormat.FEATURE_INCOMPAT_CSUM_V2 | JbdFormat.FEATURE_INCOMPAT_64BIT).tagBytes());
        assertEquals(16, format(JbdFormat.FEATURE_INCOMPAT_CSUM_V3).tagBytes());
        assertEquals(16, format(JbdFormat.FEATURE_INCOMPAT_CSUM_V3 | JbdFormat.FEATURE_INCOMPAT_64BIT).tagBytes());
        assertEquals(8, format(JbdFormat.FEATURE_INCOMPAT_64BIT).revokeRecordBytes());
        assertEquals(4, format(JbdFormat.FEATURE_INCOMPAT_CSUM_V3).tailBytes());
        assertEquals(0, format(JbdFormat.FEATURE_INCOMPAT_64BIT).tailBytes());
    }

    @Test
    void v3TagsCarry64BitNumbersAndTheirDataChecksum() throws Exception {
        LogFormat f = format(JbdFormat.FEATURE_INCOMPAT_CSUM_V3 | JbdFormat.FEATURE_INCOMPAT_64BIT);
        byte[] data = new byte[1024];
        data[5] = 42;
        byte[] seq = new byte[4];
        Be32.put(seq, 0, 9);
        int csum = Crc32c.update(Crc32c.update(Crc32c.update(~0, UUID, 0, 16), seq, 0, 4), data, 0, 1024);
        byte[] d = new byte[1024];
        BlockHeader.write(d, JbdFormat.DESCRIPTOR_BLOCK, 9);
        Be32.put(d, 12, 7);
        Be32.put(d, 16, JbdFormat.FLAG_LAST_TAG | JbdFormat.FLAG_SAME_UUID);
        Be32.put(d, 20, 1);
        Be32.put(d, 24, csum);
        List<BlockTag> tags = DescriptorBlock.parseTags(d, f);
        assertEquals(List.of(new BlockTag(0x1_0000_0007L, 0xA, csum)), tags);
        assertTrue(f.tagChecksumOk(tags.get(0), data, 9));
        assertFalse(f.tagChecksumOk(tags.get(0), data, 10), "the sequence is part of the checksum");
        assertFalse(f.tailChecksumOk(d));
        Be32.put(d, 1020, Crc32c.update(Crc32c.update(~0, UUID, 0, 16), d, 0, 1024));
        assertTrue(f.tailChecksumOk(d));
    }

    @Test
    void v2TagsKeepTheLow16BitsInTheFlagsWord() throws Exception {
        LogFormat f = format(JbdFormat.FEATURE_INCOMPAT_CSUM_V2);
        byte[] d = new byte[1024];
        Be32.put(d, 12, 300);
        Be32.put(d, 16, 0xBEEF_0000 | JbdFormat.FLAG_LAST_TAG);
        assertEquals(List.of(new BlockTag(300, JbdFormat.FLAG_LAST_TAG, 0xBEEF)), DescriptorBlock.parseTags(d, f));
    }

    @Test
    void sixtyFourBitRevokeRecordsStopBeforeTheTail() throws Exception {
        LogFormat f = format(JbdFormat.FEATURE_INCOMPAT_CSUM_V3 | JbdFormat.FEATURE_INCOMPAT_64BIT);
        byte[] r = new byte[1024];
        Be32.put(r, 12, 16 + 16);
        Be32.put(r, 16, 1);
        Be32.put(r, 20, 5);
        Be32.put(r, 28, 6);
        assertEquals(List.of(0x1_0000_0005L, 6L), Arrays.stream(RevokeBlock.parse(r, 1, f)).boxed().toList());
        Be32.put(r, 12, 1021);
        assertTrue(assertThrows(JournalCorruptException.class,
                () -> RevokeBlock.parse(r, 1, f)).getMessage().contains("more than the 1020 bytes that fit"));
    }

    private static LogFormat format(int incompat) {
        JournalSuperblock sb = JournalSuperblock.format(1024, 64, 1, UUID);
        sb.addIncompatFeatures(incompat);
        return LogFormat.of(sb);
    }
}
