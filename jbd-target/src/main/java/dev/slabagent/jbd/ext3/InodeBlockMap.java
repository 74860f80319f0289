package dev.slabagent.jbd.ext3;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The map from a file's logical blocks to fs blocks, read through the inode's 12 direct pointers and its
 * indirect (IND), double-indirect (DIND) and triple-indirect (TIND) blocks, or through its extent tree (ext4).
 * Nothing makes the map contiguous: mke2fs, for one, puts the IND block between logical blocks 11 and 12.
 */
public final class InodeBlockMap {

    /** What the map reads indirect blocks with. */
    @FunctionalInterface
    public interface BlockSource {
        /** Returns the content of fs block {@code block}. */
        ByteBuffer read(long block) throws IOException;
    }

    private final long inode;
    private final long[] physical;
    private final List<Long> allBlocks;

    private InodeBlockMap(long inode, long[] physical, List<Long> allBlocks) {
        this.inode = inode;
        this.physical = physical;
        this.allBlocks = allBlocks;
    }

    /**
     * Reads the whole map of {@code inode}, up to the block that holds its last byte.
     *
     * @throws Ext3FormatException if a pointer lies outside the file system or the inode has no block map
     */
    public static InodeBlockMap read(BlockSource source, Ext3Superblock sb, Inode inode) throws IOException {
        Walk walk;
        if (inode.hasExtents()) {
            walk = new ExtentWalker(source, sb, inode);
        } else if (inode.hasBlockMap()) {
            walk = new Walker(source, sb, inode);
        } else {
            throw new Ext3FormatException(String.format(
                    "inode %d keeps its data inline (flags 0x%x), it has no block map", inode.number(), inode.flags()));
        }
        walk.walkInode();
        return new InodeBlockMap(inode.number(), walk.physical, List.copyOf(walk.all));
    }

    /** The fs block holding logical block {@code logical}, or 0 for a hole. */
    public long physical(long logical) {
        if (logical < 0 || logical >= physical.length) {
            throw new IndexOutOfBoundsException("logical block " + logical + " of inode " + inode
                    + " is outside its " + physical.length + " blocks");
        }
        return physical[(int) logical];
    }

    /** The fs block of every logical block, 0 for holes. */
    public long[] dataBlocks() {
        return physical.clone();
    }

    /**
     * Every block the file owns, data and indirect blocks, in the order {@code debugfs blocks} prints them:
     * an indirect block comes just before the blocks it points to.
     */
    public List<Long> allBlocks() {
        return allBlocks;
    }

    /** The fs block of every logical block, failing on the first hole. */
    public long[] requireNoHoles() throws Ext3FormatException {
        for (int i = 0; i < physical.length; i++) {
            if (physical[i] == 0) {
                throw new Ext3FormatException("inode " + inode + " has a hole at logical block " + i);
            }
        }
        return dataBlocks();
    }

    /** A walk of one inode's map that fills in the fs block of each logical block and lists every block it owns. */
    private abstract static class Walk {
        final BlockSource source;
        final Ext3Superblock sb;
        final Inode inode;
        final long[] physical;
        final List<Long> all = new ArrayList<>();

        /** @param capacity logical blocks the map can address */
        Walk(BlockSource source, Ext3Superblock sb, Inode inode, long capacity, String map) throws Ext3FormatException {
            this.source = source;
            this.sb = sb;
            this.inode = inode;
            long count = inode.blockCount(sb.blockSize());
            if (count > Math.min(capacity, Integer.MAX_VALUE)) {
                throw new Ext3FormatException("inode " + inode.number() + ": size " + inode.size()
                        + " needs more blocks than " + map + " can address");
            }
            this.physical = new long[(int) count];
        }

        abstract void walkInode() throws IOException;
    }

    /** Depth-first walk of the block tree, in debugfs's order. */
    private static final class Walker extends Walk {
        private final long perBlock;

        Walker(BlockSource source, Ext3Superblock sb, Inode inode) throws Ext3FormatException {
            super(source, sb, inode, capacity(sb.blockSize() / 4), "a block map");
            this.perBlock = sb.blockSize() / 4;
        }

        private static long capacity(long perBlock) {
            return Inode.DIRECT_BLOCKS + perBlock + perBlock * perBlock + perBlock * perBlock * perBlock;
        }

        @Override
        void walkInode() throws IOException {
            long[] pointers = inode.blockPointers();
            long logical = 0;
            for (int i = 0; i < Inode.N_BLOCKS && logical < physical.length; i++) {
                int depth = Math.max(0, i - Inode.DIRECT_BLOCKS + 1);
                walk(pointers[i], depth, logical, "i_block[" + i + "] of inode " + inode.number(), -1);
                logical += span(depth);
            }
        }

        /** Walks the subtree of {@code block} of the given depth (0 = data) covering logical blocks from {@code first}. */
        private void walk(long block, int depth, long first, String where, long owner) throws IOException {
            if (block == 0) {
                return;
            }
            if (block < sb.firstDataBlock() || block >= sb.blocksCount()) {
                String problem = where + " points to block " + block + ", outside the file system (blocks "
                        + sb.firstDataBlock() + ".." + (sb.blocksCount() - 1) + ")";
                throw owner < 0 ? new Ext3FormatException(problem) : new Ext3FormatException(owner, problem);
            }
            all.add(block);
            if (depth == 0) {
                physical[(int) first] = block;
                return;
            }
            ByteBuffer pointers = source.read(block).order(ByteOrder.LITTLE_ENDIAN);
            long childSpan = span(depth - 1);
            for (int j = 0; j < perBlock && first + j * childSpan < physical.length; j++) {
                long child = Integer.toUnsignedLong(pointers.getInt(j * 4));
                walk(child, depth - 1, first + j * childSpan,
                        "entry " + j + " of the depth-" + depth + " indirect block of inode " + inode.number(), block);
            }
        }

        private long span(int depth) {
            long span = 1;
            for (int d = 0; d < depth; d++) {
                span *= perBlock;
            }
            return span;
        }
    }

    /**
     * Depth-first walk of an extent tree: a 12-byte header (magic 0xF30A, entries, max, depth), then 12-byte
     * entries, index entries above depth 0 and extents at depth 0. A tree block comes before the blocks it maps.
     */
    private static final class ExtentWalker extends Walk {
        private static final int MAGIC = 0xF30A;
        private static final int ENTRY = 12;
        private static final int MAX_DEPTH = 5;
        /** ee_len above this marks an unwritten extent of ee_len - 32768 blocks. */
        private static final int INIT_MAX_LEN = 32768;

        ExtentWalker(BlockSource source, Ext3Superblock sb, Inode inode) throws Ext3FormatException {
            super(source, sb, inode, 1L << 32, "an extent tree");
        }

        @Override
        void walkInode() throws IOException {
            walk(inode.blockArea(), -1, "the extent root of inode " + inode.number(), -1);
        }

        /** Walks the node in {@code node} (position 0 = its header); {@code depth} -1 means "as the header says". */
        private void walk(ByteBuffer node, int expectedDepth, String where, long owner) throws IOException {
            ByteBuffer b = node.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            int magic = Short.toUnsignedInt(b.getShort(0));
            int entries = Short.toUnsignedInt(b.getShort(2));
            int max = Short.toUnsignedInt(b.getShort(4));
            int depth = Short.toUnsignedInt(b.getShort(6));
            if (magic != MAGIC) {
                throw problem(owner, where + String.format(" has bad magic 0x%04x", magic));
            }
            if (entries > max || ENTRY * (1 + max) > b.limit()) {
                throw problem(owner, where + " claims " + entries + " of " + max + " entries, more than fit");
            }
            if (depth > MAX_DEPTH || (expectedDepth >= 0 && depth != expectedDepth)) {
                throw problem(owner, where + " has depth " + depth
                        + (expectedDepth >= 0 ? ", expected " + expectedDepth : ""));
            }
            for (int i = 0; i < entries; i++) {
                int at = ENTRY * (1 + i);
                long firstLogical = Integer.toUnsignedLong(b.getInt(at));
                if (depth == 0) {
                    int length = Short.toUnsignedInt(b.getShort(at + 4));
                    if (length > INIT_MAX_LEN) {
                        length -= INIT_MAX_LEN;
                    }
                    long start = Short.toUnsignedLong(b.getShort(at + 6)) << 32 | Integer.toUnsignedLong(b.getInt(at + 8));
                    check(start, length, where + " extent " + i, owner);
                    for (int k = 0; k < length && firstLogical + k < physical.length; k++) {
                        physical[(int) (firstLogical + k)] = start + k;
                        all.add(start + k);
                    }
                } else {
                    long child = Short.toUnsignedLong(b.getShort(at + 8)) << 32 | Integer.toUnsignedLong(b.getInt(at + 4));
                    check(child, 1, where + " index " + i, owner);
                    all.add(child);
                    walk(source.read(child), depth - 1, "extent tree block " + child + " of inode " + inode.number(),
                            child);
                }
            }
        }

        private void check(long start, int length, String where, long owner) throws Ext3FormatException {
            if (start < sb.firstDataBlock() || start + length > sb.blocksCount()) {
                throw problem(owner, where + " maps blocks " + start + ".." + (start + length - 1)
                        + ", outside the file system (blocks " + sb.firstDataBlock() + ".." + (sb.blocksCount() - 1) + ")");
            }
        }

        private static Ext3FormatException problem(long owner, String message) {
            return owner < 0 ? new Ext3FormatException(message) : new Ext3FormatException(owner, message);
        }
    }
}
