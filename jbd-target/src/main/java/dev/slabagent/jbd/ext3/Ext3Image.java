package dev.slabagent.jbd.ext3;

import dev.slabagent.jbd.device.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * An ext2/3/4 image file opened for reading its structures: superblock, group descriptors, inodes, block
 * maps, extent trees and directories. As a {@link BlockDevice} it is the journal's home device, addressed by
 * fs block number; apart from those block writes, it writes only the superblock's recovery state and, as
 * e2fsck does, a journal inode rebuilt from its backup. Nothing is ever allocated or freed.
 */
public final class Ext3Image implements BlockDevice {

    /** Inode number of the root directory. */
    public static final long ROOT_INODE = 2;

    private final Path path;
    private final FileChannel channel;
    private Ext3Superblock superblock;

    private Ext3Image(Path path, FileChannel channel, Ext3Superblock superblock) {
        this.path = path;
        this.channel = channel;
        this.superblock = superblock;
    }

    /**
     * Opens an image and reads its superblock.
     *
     * @param writable whether blocks and the needs_recovery flag may be written
     * @throws Ext3FormatException if the file is not an ext2/ext3 image this package can read
     */
    public static Ext3Image open(Path path, boolean writable) throws IOException {
        FileChannel channel = writable
                ? FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)
                : FileChannel.open(path, StandardOpenOption.READ);
        try {
            Ext3Superblock sb = Ext3Superblock.parse(readFully(channel, Ext3Superblock.OFFSET, Ext3Superblock.SIZE,
                    "superblock at byte " + Ext3Superblock.OFFSET));
            long needed = sb.blocksCount() * sb.blockSize();
            if (channel.size() < needed) {
                throw new Ext3FormatException("image " + path + " has " + channel.size() + " bytes, but the superblock says "
                        + sb.blocksCount() + " blocks of " + sb.blockSize() + " (" + needed + " bytes)");
            }
            return new Ext3Image(path, channel, sb);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The superblock as last read or written. */
    public Ext3Superblock superblock() {
        return superblock;
    }

    /** The fs block size in bytes. */
    @Override
    public int blockSize() {
        return superblock.blockSize();
    }

    /** The number of fs blocks ({@code s_blocks_count}). */
    @Override
    public long blockCount() {
        return superblock.blocksCount();
    }

    /**
     * Reads fs block {@code block} into a new buffer positioned at 0.
     *
     * @throws Ext3FormatException if the block is beyond the file system or the image is short
     */
    public ByteBuffer readBlock(long block) throws IOException {
        byte[] content = new byte[blockSize()];
        readBlock(block, content);
        return ByteBuffer.wrap(content);
    }

    /**
     * Reads fs block {@code block} into {@code dst}.
     *
     * @throws Ext3FormatException if the block is beyond the file system or the image is short
     */
    @Override
    public void readBlock(long block, byte[] dst) throws IOException {
        checkBlock(block);
        readFully(channel, block * blockSize(), ByteBuffer.wrap(dst, 0, blockSize()), "block " + block);
    }

    /** Writes one whole block, {@code src}, to fs block {@code block}. */
    @Override
    public void writeBlock(long block, byte[] src) throws IOException {
        checkBlock(block);
        ByteBuffer b = ByteBuffer.wrap(src, 0, blockSize());
        long at = block * blockSize();
        while (b.hasRemaining()) {
            channel.write(b, at + b.position());
        }
    }

    /** Forces written blocks to the storage device. */
    @Override
    public void force() throws IOException {
        channel.force(false);
    }

    /** The descriptor of block group {@code group}. */
    public GroupDescriptor groupDescriptor(long group) throws IOException {
        if (group < 0 || group >= superblock.groupCount()) {
            throw new IllegalArgumentException("group " + group + " is outside 0.." + (superblock.groupCount() - 1));
        }
        long byteInTable = group * superblock.descriptorSize();
        long block = superblock.firstDataBlock() + 1 + byteInTable / blockSize();
        ByteBuffer content = readBlock(block);
        GroupDescriptor gd = GroupDescriptor.parse(group, content.position((int) (byteInTable % blockSize())),
                superblock.descriptorSize());
        if (gd.inodeTable() <= superblock.firstDataBlock() || gd.inodeTable() >= superblock.blocksCount()) {
            throw new Ext3FormatException(block, "group descriptor " + group + ": inode table at block "
                    + gd.inodeTable() + " is outside the file system");
        }
        return gd;
    }

    /** Reads inode number {@code number} (1-based) from its group's inode table. */
    public Inode readInode(long number) throws IOException {
        long[] at = inodeLocation(number);
        ByteBuffer content = readBlock(at[0]);
        return Inode.parse(number, content.position((int) at[1]));
    }

    /**
     * Writes the first 128 bytes of {@code inode} ({@link Inode#baseBytes()}) over its slot in the inode table,
     * keeping the rest of the slot, as ext2fs_write_inode does with a struct ext2_inode.
     *
     * @throws Ext3FormatException where metadata_csum is on: the inode's checksum would have to be renewed
     */
    public void writeInodeBase(Inode inode) throws IOException {
        if (superblock.hasMetadataChecksum()) {
            throw new Ext3FormatException("inode " + inode.number() + " cannot be rewritten: metadata_csum is on and"
                    + " inode checksums are not maintained here");
        }
        long[] at = inodeLocation(inode.number());
        byte[] content = readBlock(at[0]).array();
        System.arraycopy(inode.baseBytes(), 0, content, (int) at[1], Inode.BASE_SIZE);
        writeBlock(at[0], content);
    }

    /** The inode table block and the byte in it where inode {@code number} starts. */
    private long[] inodeLocation(long number) throws IOException {
        if (number < 1 || number > superblock.inodesCount()) {
            throw new Ext3FormatException("inode " + number + " is outside 1.." + superblock.inodesCount());
        }
        long index = number - 1;
        GroupDescriptor gd = groupDescriptor(index / superblock.inodesPerGroup());
        long byteInTable = index % superblock.inodesPerGroup() * superblock.inodeSize();
        return new long[] {gd.inodeTable() + byteInTable / blockSize(), byteInTable % blockSize()};
    }

    /** Reads the block map of {@code inode}. */
    public InodeBlockMap blockMap(Inode inode) throws IOException {
        return InodeBlockMap.read(this::readBlock, superblock, inode);
    }

    /**
     * Resolves an absolute path such as {@code /a/b} from the root directory.
     *
     * @throws Ext3FormatException if a component is missing or is not a directory where one is needed
     */
    public Inode lookup(String absolutePath) throws IOException {
        if (!absolutePath.startsWith("/")) {
            throw new Ext3FormatException("path " + absolutePath + " is not absolute");
        }
        Inode current = readInode(ROOT_INODE);
        String walked = "";
        for (String name : absolutePath.split("/")) {
            if (name.isEmpty()) {
                continue;
            }
            if (!current.isDirectory()) {
                throw new Ext3FormatException(path + ": " + (walked.isEmpty() ? "/" : walked) + " is not a directory");
            }
            OptionalLong child = findInDirectory(current, name);
            walked += "/" + name;
            if (child.isEmpty()) {
                throw new Ext3FormatException(path + ": no such file: " + walked);
            }
            current = readInode(child.getAsLong());
        }
        return current;
    }

    /** Resolves {@code absolutePath} and checks that it names a regular file with a block map. */
    public Inode regularFile(String absolutePath) throws IOException {
        Inode inode = lookup(absolutePath);
        if (!inode.isRegularFile()) {
            throw new Ext3FormatException(path + ": " + absolutePath + " is not a regular file (inode "
                    + inode.number() + String.format(", mode 0%o)", inode.mode()));
        }
        return inode;
    }

    /** The inode of the journal ({@code s_journal_inum}). */
    public Inode journalInode() throws IOException {
        if (!superblock.hasJournal() || superblock.journalInode() == 0) {
            throw new Ext3FormatException(path + " has no internal journal (has_journal clear or s_journal_inum 0)");
        }
        return readInode(superblock.journalInode());
    }

    /**
     * Sets or clears the needs_recovery flag ({@code s_feature_incompat} 0x4) in the primary superblock.
     * Everything else in the superblock is left as it is, apart from its checksum.
     */
    public void setNeedsRecovery(boolean needsRecovery) throws IOException {
        rewriteSuperblock(le -> {
            int incompat = le.getInt(Ext3Superblock.INCOMPAT_OFFSET);
            le.putInt(Ext3Superblock.INCOMPAT_OFFSET, needsRecovery ? incompat | Ext3Superblock.INCOMPAT_RECOVER
                    : incompat & ~Ext3Superblock.INCOMPAT_RECOVER);
        });
    }

    /**
     * Ends a journal replay as e2fsck does: clears needs_recovery and, in {@code s_state}, clears "valid" if the
     * recovery failed (so the next check is a full one) and sets "errors" if a transaction was found corrupt.
     */
    public void endRecovery(boolean failed, boolean corruptTransaction) throws IOException {
        rewriteSuperblock(le -> {
            le.putInt(Ext3Superblock.INCOMPAT_OFFSET, le.getInt(Ext3Superblock.INCOMPAT_OFFSET)
                    & ~Ext3Superblock.INCOMPAT_RECOVER);
            int state = Short.toUnsignedInt(le.getShort(Ext3Superblock.STATE_OFFSET));
            if (failed) {
                state &= ~Ext3Superblock.STATE_VALID;
            }
            if (corruptTransaction) {
                state |= Ext3Superblock.STATE_ERRORS;
            }
            le.putShort(Ext3Superblock.STATE_OFFSET, (short) state);
        });
    }

    /**
     * Applies {@code change} to the primary superblock (a little-endian view), renews its checksum where
     * metadata_csum is on, writes it and forces it to disk.
     */
    private void rewriteSuperblock(Consumer<ByteBuffer> change) throws IOException {
        long at = Ext3Superblock.OFFSET;
        ByteBuffer raw = readFully(channel, at, Ext3Superblock.SIZE, "superblock at byte " + at);
        ByteBuffer le = raw.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        change.accept(le);
        if (superblock.hasMetadataChecksum()) {
            le.putInt(Ext3Superblock.CHECKSUM_OFFSET, Ext3Superblock.checksum(raw));
        }
        ByteBuffer all = raw.duplicate().position(0);
        while (all.hasRemaining()) {
            channel.write(all, at + all.position());
        }
        channel.force(false);
        superblock = Ext3Superblock.parse(raw);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private OptionalLong findInDirectory(Inode dir, String name) throws IOException {
        long[] blocks = blockMap(dir).dataBlocks();
        for (long block : blocks) {
            if (block == 0) {
                continue;
            }
            OptionalLong found = DirectoryEntries.find(readBlock(block), block, superblock.hasFileType(), name);
            if (found.isPresent()) {
                return found;
            }
        }
        return OptionalLong.empty();
    }

    private void checkBlock(long block) throws Ext3FormatException {
        if (block < 0 || block >= superblock.blocksCount()) {
            throw new Ext3FormatException(block, "beyond the file system's " + superblock.blocksCount() + " blocks");
        }
    }

    private static ByteBuffer readFully(FileChannel channel, long at, int length, String what) throws IOException {
        return readFully(channel, at, ByteBuffer.allocate(length), what).flip();
    }

    private static ByteBuffer readFully(FileChannel channel, long at, ByteBuffer b, String what) throws IOException {
        while (b.hasRemaining()) {
            int n = channel.read(b, at + b.position());
            if (n < 0) {
                throw new Ext3FormatException("short read of " + what + ": " + b.position() + " of " + b.limit()
                        + " bytes at byte " + at);
            }
        }
        return b;
    }
}
