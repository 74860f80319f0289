/**
 * Our JBD journal inside a real ext3 image, and just enough of ext2/ext3 to put it there: the superblock,
 * group descriptors, inodes, the inode block map (direct, indirect, double and triple indirect), directory
 * lookup of a path, and the superblock's needs_recovery flag.
 *
 * <p>{@link dev.slabagent.jbd.ext3.Ext3Mount} runs the journal with the journal inode's blocks as journal
 * device ({@link dev.slabagent.jbd.ext3.JournalInodeBlocks}) and the image's fs blocks as home device
 * ({@link dev.slabagent.jbd.ext3.Ext3Image}), so e2fsck replays what it commits. The ext2 side reads
 * little-endian structures of an image made by {@code mke2fs -t ext3}; its only writes are the journaled
 * blocks and needs_recovery: no block or inode is ever allocated. A malformed image gives an
 * {@link dev.slabagent.jbd.ext3.Ext3FormatException} naming the block and what was wrong with it.
 */
package dev.slabagent.jbd.ext3;
