/**
 * Just enough of ext2/ext3 to journal into a real image: the superblock, group descriptors, inodes, the
 * inode block map (direct, indirect, double and triple indirect), directory lookup of a path, and the one
 * write the journal needs, the superblock's needs_recovery flag.
 *
 * <p>Everything here reads little-endian ext2 structures from an image file made by {@code mke2fs -t ext3}.
 * It is read-only apart from {@link dev.slabagent.jbd.ext3.Ext3Image#setNeedsRecovery(boolean)}: no block
 * or inode is ever allocated. A malformed image gives an {@link dev.slabagent.jbd.ext3.Ext3FormatException}
 * naming the block and what was wrong with it.
 */
package dev.slabagent.jbd.ext3;
