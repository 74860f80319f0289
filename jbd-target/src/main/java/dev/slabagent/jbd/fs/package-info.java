/** A small file-system front end over the journal whose write path mirrors ext3's: one handle per write. */
package dev.slabagent.jbd.fs;
