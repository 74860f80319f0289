package dev.slabagent.jbd;

import dev.slabagent.jbd.disk.BlockHeader;
import dev.slabagent.jbd.disk.CommitBlock;
import dev.slabagent.jbd.disk.DescriptorBlock;
import dev.slabagent.jbd.disk.RevokeBlock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commit thread (kjournald) and journal_commit_transaction of commit.c. For each transaction handed to
 * it: freeze the buffers, write revoke blocks, descriptor blocks each followed by their data blocks, a barrier,
 * the commit block, a barrier; then file the buffers for checkpointing and run the commit callbacks.
 */
final class Commit implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Commit.class);

    private final Journal journal;
    private final byte[] metadata;
    private final DescriptorBlock descriptor;
    private final List<byte[]> pendingData = new ArrayList<>();

    /**
     * @param descriptorBuffer the block descriptor and revoke blocks are built in, one for the journal's life (made
     *                         by the journal, as journal.c's journal_get_descriptor_buffer: commit.c's only
     *                         {@code new byte[blockSize]} are the frozen copies)
     */
    Commit(Journal journal, byte[] descriptorBuffer) {
        this.journal = journal;
        this.metadata = descriptorBuffer;
        this.descriptor = new DescriptorBlock(metadata, journal.uuid);
    }

    /** Log blocks a transaction with {@code buffers} buffers and {@code revokes} revoke records takes. */
    static int logBlocks(int buffers, int revokes, int blockSize) {
        return RevokeBlock.blocksFor(revokes, blockSize) + DescriptorBlock.blocksFor(buffers, blockSize) + buffers + 1;
    }

    /**
     * Makes the frozen copy of a buffer the committing transaction logs (b_frozen_data). Called with the
     * buffer's monitor held, by the commit thread or by a handle that wants to change the buffer first.
     */
    static void freeze(JournalHead jh) {
        byte[] frozen = new byte[jh.bh.data.length];
        System.arraycopy(jh.bh.data, 0, frozen, 0, frozen.length);
        jh.frozenData = frozen;
    }

    @Override
    public void run() {
        try {
            Transaction t;
            while ((t = nextTransaction()) != null) {
                try {
                    commitTransaction(t);
                } catch (IOException | RuntimeException e) {
                    journal.abort(e instanceof IOException io ? io
                            : new IOException("commit of transaction " + t.tid + " failed: " + e, e));
                    return;
                }
                journal.stateLock.lock();
                try {
                    journal.commitDone(t);
                } finally {
                    journal.stateLock.unlock();
                }
                runCallbacks(t);
            }
        } catch (InterruptedException e) {
            journal.abort(new IOException("commit thread interrupted"));
        }
    }

    private Transaction nextTransaction() throws InterruptedException {
        journal.stateLock.lock();
        try {
            return journal.awaitCommitWork();
        } finally {
            journal.stateLock.unlock();
        }
    }

    private static void runCallbacks(Transaction t) {
        for (Runnable callback : t.callbacks) {
            try {
                callback.run();
            } catch (RuntimeException e) {
                LOG.warn("commit callback of transaction {} failed", t.tid, e);
            }
        }
    }

    private void commitTransaction(Transaction t) throws IOException {
        List<JournalHead> buffers;
        long[] revoked;
        synchronized (t) {
            buffers = new ArrayList<>(t.buffers);
            revoked = t.revokes.records().stream().mapToLong(r -> r.blockNumber).toArray();
        }
        for (JournalHead jh : buffers) {
            synchronized (jh.bh) {
                if (jh.frozenData == null) {
                    freeze(jh);
                }
            }
        }
        journal.markDirtyIfClean();
        int pos = t.logStart;
        if (revoked.length > 0) {
            journal.ensureRevokeFeature();
            pos = writeRevokeBlocks(t.tid, revoked, pos);
        }
        pos = writeDescriptorsAndData(t.tid, buffers, pos);
        journal.journalDevice.force();
        CommitBlock.write(metadata, t.tid);
        journal.journalDevice.writeJournalBlock(pos, metadata);
        journal.journalDevice.force();
        pos = journal.wrap(pos + 1);
        if (pos != journal.wrap(t.logStart + t.logBlocks)) {
            throw new IllegalStateException("transaction " + t.tid + " took log blocks " + t.logStart + ".." + pos
                    + ", reserved " + t.logBlocks);
        }
        for (JournalHead jh : buffers) {
            fileForCheckpoint(jh, t);
        }
        Revoke.committed(journal, t, revoked);
        LOG.debug("committed transaction {}: {} buffers, {} revokes at log block {}", t.tid, buffers.size(),
                revoked.length, t.logStart);
    }

    private int writeRevokeBlocks(int tid, long[] revoked, int pos) throws IOException {
        int perBlock = RevokeBlock.capacity(journal.blockSize);
        for (int from = 0; from < revoked.length; from += perBlock) {
            RevokeBlock.write(metadata, tid, revoked, from, Math.min(perBlock, revoked.length - from));
            journal.journalDevice.writeJournalBlock(pos, metadata);
            pos = journal.wrap(pos + 1);
        }
        return pos;
    }

    private int writeDescriptorsAndData(int tid, List<JournalHead> buffers, int pos) throws IOException {
        for (JournalHead jh : buffers) {
            if (pendingData.isEmpty()) {
                descriptor.begin(tid);
            }
            byte[] copy = jh.frozenData;
            descriptor.addTag(jh.bh.blockNumber, BlockHeader.escape(copy));
            pendingData.add(copy);
            if (!descriptor.hasRoom()) {
                pos = flushDescriptor(pos);
            }
        }
        return pendingData.isEmpty() ? pos : flushDescriptor(pos);
    }

    private int flushDescriptor(int pos) throws IOException {
        journal.journalDevice.writeJournalBlock(pos, descriptor.finish());
        pos = journal.wrap(pos + 1);
        for (byte[] data : pendingData) {
            journal.journalDevice.writeJournalBlock(pos, data);
            pos = journal.wrap(pos + 1);
        }
        pendingData.clear();
        return pos;
    }

    /** After the commit block: drop the frozen copy, make {@code t} the buffer's checkpoint transaction. */
    private static void fileForCheckpoint(JournalHead jh, Transaction t) {
        byte[] frozen;
        synchronized (jh.bh) {
            frozen = jh.frozenData;
            jh.frozenData = null;
            jh.cpTransaction = t;
            jh.bh.dirty = true;
            jh.transaction = jh.nextTransaction;
            jh.nextTransaction = null;
        }
        freeFrozen(frozen);
    }

    /**
     * The end of a frozen copy made by {@link #freeze}: its data block and the commit block are on disk and
     * nothing refers to it any more (commit.c frees b_frozen_data here with jbd_slab_free). The JVM's
     * collector reclaims it; the method marks the point where the copy dies, as the kernel's free does.
     */
    static void freeFrozen(byte[] frozen) {
        // nothing to do in Java: the copy is garbage from here on
    }
}
