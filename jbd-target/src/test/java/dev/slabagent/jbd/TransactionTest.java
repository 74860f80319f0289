package dev.slabagent.jbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Credits accounting, full transactions, extend, forget. */
class TransactionTest {
    private Journal journal;

    @BeforeEach
    void open() throws Exception {
        MemBlocks log = new MemBlocks(1024, 256);
        Journal.format(log, new byte[16]);
        journal = Journal.open(log, new MemBlocks(1024, 64), JournalOptions.defaults().withCommitInterval(0)
                .withMaxTransactionBuffers(8));
    }

    @AfterEach
    void close() throws Exception {
        journal.close();
    }

    private void modify(Handle h, long block) throws Exception {
        BufferHead bh = journal.bread(block);
        journal.getWriteAccess(h, bh);
        bh.copyIn(0, new byte[] {(byte) block}, 0, 1);
        journal.dirtyMetadata(h, bh);
    }

    @Test
    void aBufferCostsOneCreditPerTransactionAndUnusedCreditsReturnAtStop() throws Exception {
        Handle h = journal.start(3);
        Transaction t = h.transaction;
        assertEquals(3, t.outstandingCredits());
        modify(h, 1);
        modify(h, 1);
        assertEquals(2, h.credits(), "re-dirtying a buffer of the same transaction is free");
        modify(h, 2);
        assertEquals(1, h.credits());
        journal.stop(h);
        assertEquals(2, t.outstandingCredits(), "the unused credit went back");
        assertEquals(2, t.buffers.size());

        Handle h2 = journal.start(1);
        modify(h2, 1);
        assertEquals(1, h2.credits(), "a buffer already in the transaction costs nothing");
        modify(h2, 3);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> modify(h2, 4));
        assertEquals("block 4: handle has no buffer credits left", e.getMessage());
        journal.stop(h2);
    }

    @Test
    void aFullTransactionIsCommittedAndTheNextHandleJoinsANewOne() throws Exception {
        Handle h = journal.start(8);
        int first = h.tid();
        for (int b = 0; b < 8; b++) {
            modify(h, b);
        }
        journal.stop(h);
        Handle next = journal.start(1);
        assertNotEquals(first, next.tid(), "8 + 1 credits exceed the 8 a transaction holds");
        assertEquals(first + 1, next.tid());
        journal.stop(next);
        journal.waitForCommit(first);
        assertEquals(1, journal.commitCount());
    }

    @Test
    void extendSucceedsWhileTheTransactionHasRoom() throws Exception {
        Handle h = journal.start(6);
        assertTrue(journal.extend(h, 2));
        assertEquals(8, h.credits());
        assertFalse(journal.extend(h, 1), "9 credits exceed the transaction");
        assertEquals(8, h.credits());
        journal.stop(h);
    }

    @Test
    void restartCommitsTheOldTransactionAndMovesTheHandle() throws Exception {
        Handle h = journal.start(2);
        int first = h.tid();
        modify(h, 5);
        journal.restart(h, 4);
        assertEquals(first + 1, h.tid());
        assertEquals(4, h.credits());
        assertEquals(1, h.ref());
        journal.stop(h);
        journal.waitForCommit(first);
    }

    @Test
    void forgetDropsTheBufferAndReturnsTheCredit() throws Exception {
        Handle h = journal.start(2);
        modify(h, 5);
        BufferHead bh = journal.bread(5);
        Transaction t = h.transaction;
        journal.forget(h, bh);
        assertEquals(2, h.credits());
        assertTrue(t.buffers.isEmpty());
        assertEquals(null, bh.journalHead, "an unused journal head is dropped");
        journal.stop(h);
    }

    @Test
    void dirtyMetadataWithoutWriteAccessIsRejected() throws Exception {
        Handle h = journal.start(1);
        BufferHead bh = journal.bread(9);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> journal.dirtyMetadata(h, bh));
        assertEquals("block 9: dirty_metadata without write access", e.getMessage());
        journal.stop(h);
    }

    @Test
    void aHandleLargerThanATransactionIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> journal.start(9));
    }
}
