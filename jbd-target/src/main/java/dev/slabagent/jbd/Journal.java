package dev.slabagent.jbd;

import dev.slabagent.jbd.device.BlockDevice;
import dev.slabagent.jbd.device.JournalDevice;
import dev.slabagent.jbd.disk.DescriptorBlock;
import dev.slabagent.jbd.disk.JbdFormat;
import dev.slabagent.jbd.disk.JournalCorruptException;
import dev.slabagent.jbd.disk.JournalSuperblock;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A journal (journal_t) and fs/jbd's journal.c: format, load, superblock, commit requests and destroy. The
 * handle calls of transaction.c are {@link Transactions}; commits run on the commit thread ({@link Commit}),
 * checkpoints on the thread that needs log space ({@link Checkpoint}).
 */
public final class Journal {
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    final JournalDevice journalDevice;
    final BlockDevice device;
    final JournalSuperblock superblock;
    final int blockSize;
    final int first;
    final int last;
    final int maxTransactionBuffers;
    /** Log blocks a full transaction can take: buffers, their descriptors and the commit block. */
    final int maxTransactionLogBlocks;
    final byte[] uuid;
    final BufferCache cache;
    final JournalOptions options;
    private final Commit commit;
    final Checkpoint checkpoint;
    private final Transactions transactions;
    private final RecoveryResult recovery;
    private final Thread commitThread;

    /** j_state_lock: guards every field below and the transactions' states. */
    final ReentrantLock stateLock = new ReentrantLock();
    /** Signalled on every state change: handles waiting to start, commit waiters, the commit thread. */
    final Condition stateChanged = stateLock.newCondition();
    /** j_running_transaction; volatile so a handle can join it without the state lock. */
    volatile Transaction running;
    Transaction committing;
    /** Committed transactions whose buffers may not be home yet, oldest first. */
    final ArrayDeque<Transaction> checkpointTransactions = new ArrayDeque<>();
    /** j_transaction_sequence: tid of the next transaction created. */
    int nextTid;
    /** j_commit_sequence: tid of the last committed transaction (written under the lock, read without). */
    volatile int commitSequence;
    /** j_head: log block where the next transaction handed to commit starts. */
    int head;
    /** j_tail / j_tail_sequence: oldest live transaction, as last written to the superblock. */
    int tail;
    int tailSequence;
    /** Log blocks between tail and head (committed and committing transactions). */
    int logBlocksInUse;
    /** Whether the superblock on disk says the log is empty (s_start == 0). */
    boolean superblockClean;
    volatile IOException abortCause;
    private boolean shuttingDown;
    private volatile long commits;

    private Journal(JournalDevice journalDevice, BlockDevice device, JournalSuperblock sb, JournalOptions options,
                    RecoveryResult recovery) {
        this.journalDevice = journalDevice;
        this.device = device;
        this.superblock = sb;
        this.options = options;
        this.recovery = recovery;
        this.blockSize = sb.blockSize();
        this.first = sb.first();
        this.last = sb.maxLen();
        this.uuid = sb.uuid();
        int logSize = last - first;
        this.maxTransactionBuffers = options.maxTransactionBuffers() > 0 ? options.maxTransactionBuffers()
                : Math.max(1, sb.maxLen() / 4);
        this.maxTransactionLogBlocks = maxTransactionBuffers + DescriptorBlock.blocksFor(maxTransactionBuffers, blockSize) + 1;
        if (2 * maxTransactionLogBlocks >= logSize) {
            throw new IllegalArgumentException("journal log of " + logSize + " blocks cannot hold two transactions of "
                    + maxTransactionLogBlocks + " blocks: use a larger journal or fewer buffers per transaction");
        }
        this.cache = new BufferCache(device);
        this.nextTid = sb.sequence() + 1;
        this.commitSequence = nextTid - 1;
        this.head = first;
        this.tail = first;
        this.tailSequence = nextTid;
        this.superblockClean = true;
        // journal_get_descriptor_buffer (journal.c): the commit thread's one descriptor buffer, for the journal's life.
        this.commit = new Commit(this, new byte[blockSize]);
        this.checkpoint = new Checkpoint(this);
        this.transactions = new Transactions(this);
        this.commitThread = new Thread(commit, "kjournald");
        this.commitThread.setDaemon(true);
    }

    /**
     * Writes a fresh, empty journal over the whole of {@code journalDevice} (journal_create): every log block
     * zeroed, then a version 2 superblock with s_start = 0.
     *
     * @param uuid 16 bytes for s_uuid
     */
    public static void format(JournalDevice journalDevice, byte[] uuid) throws IOException {
        JournalSuperblock sb = JournalSuperblock.format(journalDevice.blockSize(), journalDevice.journalBlocks(), 1, uuid);
        byte[] zero = new byte[journalDevice.blockSize()];
        for (int n = 1; n < journalDevice.journalBlocks(); n++) {
            journalDevice.writeJournalBlock(n, zero);
        }
        journalDevice.writeJournalBlock(0, sb.image());
        journalDevice.force();
    }

    /**
     * Loads a journal (journal_load): checks the superblock, recovers it if it holds transactions, resets
     * it and starts the commit thread. The caller keeps ownership of both devices.
     *
     * @throws JournalCorruptException if the superblock is unusable
     */
    public static Journal open(JournalDevice journalDevice, BlockDevice device, JournalOptions options) throws IOException {
        JournalSuperblock sb = readSuperblock(journalDevice);
        int unwritten = sb.featureIncompat() & ~JbdFormat.WRITTEN_INCOMPAT;
        if (unwritten != 0 || sb.featureCompat() != 0) {
            throw new JournalCorruptException(0, "this port replays but does not write journals with features "
                    + JbdFormat.incompatNames(unwritten) + String.format(", compat 0x%x", sb.featureCompat()));
        }
        if (sb.maxLen() > journalDevice.journalBlocks()) {
            throw new JournalCorruptException(0, "s_maxlen " + sb.maxLen() + " exceeds the journal's "
                    + journalDevice.journalBlocks() + " blocks (journal too short)");
        }
        if (device.blockSize() != sb.blockSize()) {
            throw new IllegalArgumentException("device block size " + device.blockSize()
                    + " differs from journal block size " + sb.blockSize());
        }
        RecoveryResult result = Recovery.recover(journalDevice, device, sb);
        if (result.error() != null) {
            throw new JournalCorruptException(0, "recovery failed, the journal is emptied: " + result.error());
        }
        if (result.needed()) {
            options.listener().journalClean();
        }
        Journal journal = new Journal(journalDevice, device, sb, options, result);
        journal.commitThread.start();
        LOG.debug("journal loaded: {} blocks of {} bytes, next tid {}", sb.maxLen(), sb.blockSize(), journal.nextTid);
        return journal;
    }

    /**
     * Reads and checks the journal superblock (journal block 0, or where an external device keeps it).
     *
     * @throws JournalCorruptException if it is not a journal superblock matching the device's block size
     */
    public static JournalSuperblock readSuperblock(JournalDevice journalDevice) throws IOException {
        if (journalDevice.journalBlocks() < 1) {
            throw new JournalCorruptException(0, "short read: the journal is empty");
        }
        byte[] image = new byte[journalDevice.blockSize()];
        journalDevice.readJournalBlock(journalDevice.superblockBlock(), image);
        JournalSuperblock sb = JournalSuperblock.parse(image);
        if (sb.blockSize() != journalDevice.blockSize()) {
            throw new JournalCorruptException(0, "s_blocksize " + sb.blockSize() + " differs from the device's "
                    + journalDevice.blockSize());
        }
        return sb;
    }

    /** What recovery did when this journal was opened. */
    public RecoveryResult recovery() {
        return recovery;
    }

    /** Journal and home block size. */
    public int blockSize() {
        return blockSize;
    }

    /** Buffers one transaction may hold (j_max_transaction_buffers). */
    public int maxTransactionBuffers() {
        return maxTransactionBuffers;
    }

    /** Number of transactions this journal object has committed. */
    public long commitCount() {
        return commits;
    }

    /** Tid of the last committed transaction. */
    public int commitSequence() {
        return commitSequence;
    }

    /** The handle calls of this journal (transaction.c): start, stop, write access, dirty metadata and so on. */
    public Transactions transactions() {
        return transactions;
    }

    /** The home buffer of {@code blockNumber}, read from the device on first use. */
    public BufferHead bread(long blockNumber) throws IOException {
        return cache.bread(blockNumber);
    }

    // ---- commit requests (journal.c: log_start_commit, log_wait_commit) ----

    /** Closes {@code t} to new handles and hands it to the commit thread once it is free (under stateLock). */
    void lockTransaction(Transaction t) {
        if (t.state == Transaction.State.RUNNING) {
            t.state = Transaction.State.LOCKED;
            t.lock();
        }
        maybeHandOff();
    }

    /** Hands the locked running transaction to the commit thread if no handle is open in it (under stateLock). */
    void maybeHandOff() {
        Transaction t = running;
        if (t == null || t.state != Transaction.State.LOCKED || t.updates() != 0 || committing != null) {
            return;
        }
        int buffers;
        int revokes;
        synchronized (t) {
            buffers = t.buffers.size();
            revokes = t.revokes.size();
        }
        t.logBlocks = Commit.logBlocks(buffers, revokes, blockSize);
        t.logStart = head;
        head = wrap(head + t.logBlocks);
        logBlocksInUse += t.logBlocks;
        t.state = Transaction.State.COMMITTING;
        committing = t;
        running = null;
        stateChanged.signalAll();
    }

    /** Requests the commit of {@code t} if it still runs and waits until it has committed. */
    void commitAndWait(Transaction t) throws IOException {
        stateLock.lock();
        try {
            lockTransaction(t);
        } finally {
            stateLock.unlock();
        }
        waitForCommit(t.tid);
    }

    /** Waits until transaction {@code tid} has committed (log_wait_commit). */
    void waitForCommit(int tid) throws IOException {
        stateLock.lock();
        try {
            while (Tids.after(tid, commitSequence)) {
                checkAborted();
                await();
            }
        } finally {
            stateLock.unlock();
        }
    }

    /** Called by the commit thread once {@code t}'s commit block is durable (under stateLock). */
    void commitDone(Transaction t) {
        t.state = Transaction.State.COMMITTED;
        committing = null;
        checkpointTransactions.addLast(t);
        commitSequence = t.tid;
        commits++;
        maybeHandOff();
        stateChanged.signalAll();
    }

    /** Marks the journal failed: every later call throws {@code cause} (journal_abort). */
    void abort(IOException cause) {
        stateLock.lock();
        try {
            if (abortCause == null) {
                abortCause = cause;
                LOG.error("journal aborted: {}", cause.getMessage());
            }
            stateChanged.signalAll();
        } finally {
            stateLock.unlock();
        }
    }

    void checkAborted() throws IOException {
        if (abortCause != null) {
            throw new IOException("journal aborted: " + abortCause.getMessage(), abortCause);
        }
    }

    void await() throws InterruptedIOException {
        try {
            stateChanged.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the journal");
        }
    }

    /** The commit thread's wait for work, bounded by the running transaction's commit deadline (under stateLock). */
    Transaction awaitCommitWork() throws InterruptedException {
        while (true) {
            if (committing != null) {
                return committing;
            }
            if (shuttingDown || abortCause != null) {
                return null;
            }
            Transaction t = running;
            if (t != null && t.expires != 0 && t.state == Transaction.State.RUNNING) {
                long left = t.expires - System.nanoTime();
                if (left <= 0) {
                    lockTransaction(t);
                    continue;
                }
                stateChanged.awaitNanos(left);
            } else {
                stateChanged.await();
            }
        }
    }

    int wrap(int block) {
        return block >= last ? block - (last - first) : block;
    }

    // ---- superblock (journal.c: journal_update_superblock) ----

    /** Writes the superblock with the current tail; before the first transaction, tells the listener. */
    void markDirtyIfClean() throws IOException {
        if (superblockClean) {
            options.listener().journalDirty();
            int start;
            int sequence;
            stateLock.lock();
            try {
                start = tail;
                sequence = tailSequence;
            } finally {
                stateLock.unlock();
            }
            writeSuperblock(start, sequence);
            superblockClean = false;
        }
    }

    /** Sets the REVOKE feature before the first revoke block is written (journal_set_features). */
    void ensureRevokeFeature() throws IOException {
        synchronized (superblock) {
            if ((superblock.featureIncompat() & JbdFormat.FEATURE_INCOMPAT_REVOKE) == 0) {
                superblock.addIncompatFeatures(JbdFormat.FEATURE_INCOMPAT_REVOKE);
                journalDevice.writeJournalBlock(0, superblock.image());
                journalDevice.force();
            }
        }
    }

    void writeSuperblock(int start, int sequence) throws IOException {
        synchronized (superblock) {
            superblock.setTail(start, sequence);
            journalDevice.writeJournalBlock(0, superblock.image());
            journalDevice.force();
        }
    }

    // ---- destroy ----

    /**
     * Commits everything, checkpoints every transaction, writes an empty superblock (s_start = 0) and stops
     * the commit thread (journal_destroy). The devices stay open.
     */
    public void close() throws IOException {
        try {
            commitEverything();
            checkpoint.checkpointAll();
            int sequence;
            stateLock.lock();
            try {
                sequence = commitSequence + 1;
            } finally {
                stateLock.unlock();
            }
            writeSuperblock(0, sequence);
            options.listener().journalClean();
        } finally {
            stopCommitThread();
        }
    }

    /**
     * Commits everything and stops without checkpointing, as a crash right after the last commit would: the
     * journal keeps its transactions for recovery. The devices stay open.
     */
    public void closeWithoutCheckpoint() throws IOException {
        try {
            commitEverything();
        } finally {
            stopCommitThread();
        }
    }

    private void commitEverything() throws IOException {
        if (transactions.currentHandle() != null) {
            throw new IllegalStateException("journal closed while this thread holds a handle");
        }
        Transaction last;
        stateLock.lock();
        try {
            last = running != null ? running : committing;
        } finally {
            stateLock.unlock();
        }
        if (last != null) {
            commitAndWait(last);
        }
    }

    private void stopCommitThread() throws IOException {
        stateLock.lock();
        try {
            shuttingDown = true;
            stateChanged.signalAll();
        } finally {
            stateLock.unlock();
        }
        try {
            commitThread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while stopping the commit thread");
        }
        checkAborted();
    }
}
