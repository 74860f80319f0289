package dev.slabagent.demo.show;

import java.util.ArrayList;
import java.util.List;

/** One method's bytecode before and after a rewrite, as a line diff of ASM Textifier listings. */
public final class BytecodeComparison {

    private BytecodeComparison() {
    }

    /**
     * The diff of method {@code methodName} between the class files {@code before} and {@code after}: lines
     * starting with {@link LineDiff#REMOVED} were only before, {@link LineDiff#ADDED} only after.
     */
    public static List<String> of(byte[] before, byte[] after, String methodName) {
        return LineDiff.of(MethodListing.of(before, methodName), MethodListing.of(after, methodName));
    }

    /** The lines of a diff from {@link #of} that exist after the rewrite (unchanged or added), without prefixes. */
    public static List<String> after(List<String> diff) {
        List<String> after = new ArrayList<>();
        for (String line : diff) {
            if (line.startsWith(LineDiff.SAME) || line.startsWith(LineDiff.ADDED)) {
                after.add(line.substring(LineDiff.SAME.length()));
            }
        }
        return after;
    }
}
