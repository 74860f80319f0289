/**
 * Block storage under the journal. {@link dev.slabagent.jbd.device.JournalDevice} holds the journal's own
 * blocks (superblock and log), {@link dev.slabagent.jbd.device.BlockDevice} the home blocks the journal
 * protects. The journal code only ever talks to these two interfaces, so a journal can live in a bare file,
 * a region of a device file, or the blocks of an ext3 journal inode.
 */
package dev.slabagent.jbd.device;
