package dev.slabagent.jbd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
        journal.transactions().getWriteAccess(h, bh);
        bh.copyIn(0, new byte[] {(byte) block}, 0, 1);
        journal.transactions().dirtyMetadata(h, bh);
    }

    @Test
    void aBufferCostsOneCreditPerTransactionAndUnusedCreditsReturnAtStop() throws Exception {
        Handle h = journal.transactions().start(3);
        Transaction t = h.transaction;
        assertEquals(3, t.outstandingCredits());
        modify(h, 1);
        modify(h, 1);
        assertEquals(2, h.credits(), "re-dirtying a buffer of the same transaction is free");
        modify(h, 2);
        assertEquals(1, h.credits());
        journal.transactions().stop(h);
        assertEquals(2, t.outstandingCredits(), "the unused credit went back");
        assertEquals(2, t.buffers.size());

        Handle h2 = journal.transactions().start(1);
        modify(h2, 1);
        assertEquals(1, h2.credits(), "a buffer already in the transaction costs nothing");
        modify(h2, 3);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> modify(h2, 4));
        assertEquals("block 4: handle has no buffer credits left", e.getMessage());
        journal.transactions().stop(h2);
    }

    @Test
    void aFullTransactionIsCommittedAndTheNextHandleJoinsANewOne() throws Exception {
        Handle h = journal.transactions().start(8);
        int first = h.tid();
        for (int b = 0; b < 8; b++) {
            modify(h, b);
        }
        journal.transactions().stop(h);
        Handle next = journal.transactions().start(1);
        assertNotEquals(first, next.tid(), "8 + 1 credits exceed the 8 a transaction holds");
        assertEquals(first + 1, next.tid());
        journal.transactions().stop(next);
        journal.waitForCommit(first);
        assertEquals(1, journal.commitCount());
    }

    @Test
    void extendSucceedsWhileTheTransactionHasRoom() throws Exception {
        Handle h = journal.transactions().start(6);
        assertTrue(journal.transactions().extend(h, 2));
        assertEquals(8, h.credits());
        assertFalse(journal.transactions().extend(h, 1), "9 credits exceed the transaction");
        assertEquals(8, h.credits());
        journal.transactions().stop(h);
    }

    @Test
    void restartCommitsTheOldTransactionAndMovesTheHandle() throws Exception {
        Handle h = journal.transactions().start(2);
        int first = h.tid();
        modify(h, 5);
        journal.transactions().restart(h, 4);
        assertEquals(first + 1, h.tid());
        assertEquals(4, h.credits());
        assertEquals(1, h.ref());
        journal.transactions().stop(h);
        journal.waitForCommit(first);
    }

    @Test
    void forgetDropsTheBufferAndReturnsTheCredit() throws Exception {
        Handle h = journal.transactions().start(2);
        modify(h, 5);
        BufferHead bh = journal.bread(5);
        Transaction t = h.transaction;
        journal.transactions().forget(h, bh);
        assertEquals(2, h.credits());
        assertTrue(t.buffers.isEmpty());
        assertEquals(null, bh.journalHead, "an unused journal head is dropped");
        journal.transactions().stop(h);
    }

    @Test
    void createAccessDoesNotReadTheOldContentAndCancelsARevoke() throws Exception {
        Handle h = journal.transactions().start(3);
        journal.transactions().revoke(h, 12);
        Transaction t = h.transaction;
        assertEquals(1, t.revokes.size());
        BufferHead bh = journal.transactions().getCreateAccess(h, 12);
        assertEquals(0, t.revokes.size(), "journaling the block again cancels its revoke");
        byte[] content = new byte[4];
        bh.copyOut(0, content, 0, 4);
        assertArrayEquals(new byte[4], content);
        bh.copyIn(0, new byte[] {1, 2, 3, 4}, 0, 4);
        journal.transactions().dirtyMetadata(h, bh);
        assertEquals(List.of(bh.journalHead), t.buffers);
        journal.transactions().stop(h);
    }

    @Test
    void dirtyMetadataWithoutWriteAccessIsRejected() throws Exception {
        Handle h = journal.transactions().start(1);
        BufferHead bh = journal.bread(9);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> journal.transactions().dirtyMetadata(h, bh));
        assertEquals("block 9: dirty_metadata without write access", e.getMessage());
        journal.transactions().stop(h);
    }

    @Test
    void aHandleLargerThanATransactionIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> journal.transactions().start(9));
    }
}
