/**
 * Shows the rewrite: the seed patch's hunk, and a method's bytecode before and after the agent rewrote it as ASM
 * Textifier listings and a line diff.
 */
package dev.slabagent.demo.show;
