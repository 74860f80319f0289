package dev.slabagent.jbd.ext3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


import dev.slabagent.jbd.disk.JbdFormat;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OverwritePlanTest {

    @Test
    void sameSeedSameWritesAndEveryFifthBeginsWithTheMagic() {
        OverwritePlan a = new OverwritePlan(42, 30, 1024);
        OverwritePlan b = new OverwritePlan(42, 30, 1024);
        Set<Long> blocks = new HashSet<>();
        for (int i = 1; i <= 100; i++) {
            OverwritePlan.Write wa = a.next();
            OverwritePlan.Write wb = b.next();
            assertEquals(wa.logicalBlock(), wb.logicalBlock());
            assertArrayEquals(wa.content(), wb.content());
            assertEquals(1024, wa.content().length);
            assertTrue(wa.logicalBlock() >= 0 && wa.logicalBlock() < 30);
            blocks.add(wa.logicalBlock());
            int head = ByteBuffer.wrap(wa.content()).getInt(0);
            if (i % OverwritePlan.MAGIC_EVERY == 0) {
                assertEquals(JbdFormat.MAGIC, head, "write " + i);
            } else {
                assertNotEquals(JbdFormat.MAGIC, head, "write " + i);
            }
        }
        assertTrue(blocks.size() > 20, "100 writes spread over most of the 30 blocks: " + blocks.size());
        assertNotEquals(ByteBuffer.wrap(new OverwritePlan(43, 30, 1024).next().content()),
                ByteBuffer.wrap(new OverwritePlan(42, 30, 1024).next().content()), "another seed, other content");
    }
}
