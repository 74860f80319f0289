package dev.slabagent.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an attach installed, as the agent hands it to the {@code attach} command through the file named in its
 * {@link AgentArgs}: a header line, then {@code on LINE} per cache switched on and {@code problem LINE} per config
 * problem.
 *
 * @param activated one summary line per cache switched on
 * @param problems  one line per problem
 */
public record AttachOutcome(List<String> activated, List<String> problems) {

    private static final String HEADER = "slab-agent attach outcome";
    private static final String ON = "on ";
    private static final String PROBLEM = "problem ";

    /** Makes the lists unmodifiable. */
    public AttachOutcome {
        activated = List.copyOf(activated);
        problems = List.copyOf(problems);
    }

    /**
     * Writes the outcome into {@code file}, which must exist (the command made it; a symbolic link is not followed).
     *
     * @throws IOException if it cannot: the command then reads the outcome from the agent's MBean
     */
    public void writeTo(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        activated.forEach(line -> lines.add(ON + oneLine(line)));
        problems.forEach(line -> lines.add(PROBLEM + oneLine(line)));
        Files.write(file, lines, StandardCharsets.UTF_8, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * The outcome written into {@code file}; empty if nothing readable was (an agent that could not write it, one
     * loaded from an older jar, a file gone or not UTF-8): the command then asks the agent's MBean.
     */
    public static Optional<AttachOutcome> readFrom(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            return Optional.empty();
        }
        List<String> activated = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.startsWith(ON)) {
                activated.add(line.substring(ON.length()));
            } else if (line.startsWith(PROBLEM)) {
                problems.add(line.substring(PROBLEM.length()));
            }
        }
        return Optional.of(new AttachOutcome(activated, problems));
    }

    private static String oneLine(String text) {
        return text.replace('\n', ' ').replace('\r', ' ');
    }
}
