package dev.slabagent.demo.show;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff by longest common subsequence: each line of the result starts with {@code "  "} (in both),
 * {@code "- "} (only before) or {@code "+ "} (only after). Meant for short texts such as one method's bytecode.
 */
public final class LineDiff {

    /** Prefix of a line present before and after. */
    public static final String SAME = "  ";
    /** Prefix of a line only present before. */
    public static final String REMOVED = "- ";
    /** Prefix of a line only present after. */
    public static final String ADDED = "+ ";

    private LineDiff() {
    }

    /** The diff of {@code before} against {@code after}, in order. */
    public static List<String> of(List<String> before, List<String> after) {
        int[][] common = commonSuffixLengths(before, after);
        List<String> diff = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < before.size() && j < after.size()) {
            if (before.get(i).equals(after.get(j))) {
                diff.add(SAME + before.get(i++));
                j++;
            } else if (common[i + 1][j] >= common[i][j + 1]) {
                diff.add(REMOVED + before.get(i++));
            } else {
                diff.add(ADDED + after.get(j++));
            }
        }
        before.subList(i, before.size()).forEach(line -> diff.add(REMOVED + line));
        after.subList(j, after.size()).forEach(line -> diff.add(ADDED + line));
        return diff;
    }

    /** {@code lengths[i][j]}: length of the longest common subsequence of before[i..] and after[j..]. */
    private static int[][] commonSuffixLengths(List<String> before, List<String> after) {
        int[][] lengths = new int[before.size() + 1][after.size() + 1];
        for (int i = before.size() - 1; i >= 0; i--) {
            for (int j = after.size() - 1; j >= 0; j--) {
                lengths[i][j] = before.get(i).equals(after.get(j))
                        ? lengths[i + 1][j + 1] + 1
                        : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
            }
        }
        return lengths;
    }
}
