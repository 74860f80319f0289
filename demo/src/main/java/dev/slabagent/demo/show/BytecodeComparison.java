package dev.slabagent.demo.show;

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

    /**
     * The part of {@code diff} around its first added line containing {@code marker}: up to {@code context} lines
     * before and after it; the whole diff if no added line contains the marker.
     */
    public static List<String> around(List<String> diff, String marker, int context) {
        for (int i = 0; i < diff.size(); i++) {
            if (diff.get(i).startsWith(LineDiff.ADDED) && diff.get(i).contains(marker)) {
                return diff.subList(Math.max(0, i - context), Math.min(diff.size(), i + context + 1));
            }
        }
        return diff;
    }
}
