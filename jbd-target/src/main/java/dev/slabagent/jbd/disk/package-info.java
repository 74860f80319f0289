/**
 * The JBD v2 on-disk format as fs/jbd writes it (no checksum features, 32-bit block numbers): superblock,
 * block header, descriptor tags with escaping, revoke and commit blocks. All fields are big-endian.
 */
package dev.slabagent.jbd.disk;
