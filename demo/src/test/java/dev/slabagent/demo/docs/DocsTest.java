package dev.slabagent.demo.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slabagent.agent.config.ConfigParser;
import dev.slabagent.demo.ProjectLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.commonmark.node.Code;
import org.commonmark.node.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's Markdown stays true to the tree and to the code: every relative link of README.md, docs/*.md and
 * jbd-target/README.md names an existing file (and heading), and the README's key table names exactly the keys
 * {@link ConfigParser} accepts. It lives in the demo module because the demo is the module that sees the whole
 * repository and depends on the agent.
 */
class DocsTest {

    private static final Path ROOT = ProjectLayout.locate().root();

    @Test
    void everyRelativeLinkOfTheDocsResolvesToAFileAndHeading() throws IOException {
        List<Path> docs = docs();
        assertTrue(docs.contains(ROOT.resolve("docs/design.md")), "docs/ found: " + docs);
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path doc : docs) {
            MarkdownFile md = new MarkdownFile(doc);
            broken.addAll(brokenLinks(md));
            checked += md.relativeLinks().size();
        }
        assertEquals(List.of(), broken);
        assertTrue(checked >= 20, "only " + checked + " relative links found: the parser missed them");
    }

    @Test
    void aMissingFileOrHeadingIsReported(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("other.md"), "# Other page\n");
        Path doc = dir.resolve("doc.md");
        Files.writeString(doc, "# Title\n[ok](other.md#other-page) [no file](gone.md) [no heading](other.md#nope)"
                + " [here](#title) [web](https://example.com/x.md)\n");
        assertEquals(List.of(doc + ": gone.md: no such file", doc + ": other.md#nope: no heading 'nope'"),
                brokenLinks(new MarkdownFile(doc)));
    }

    @Test
    void theReadmeKeyTableNamesExactlyTheKeysTheParserAccepts() throws IOException {
        List<List<Node>> rows = new MarkdownFile(ROOT.resolve("README.md")).table("key");
        assertTrue(rows.size() > 1, "README.md has no table whose first column is 'key'");
        List<String> keys = new ArrayList<>();
        for (List<Node> row : rows.subList(1, rows.size())) {
            Node cell = row.get(0);
            assertTrue(cell.getFirstChild() instanceof Code && cell.getFirstChild().getNext() == null,
                    "the key column holds one `key` per row: '" + MarkdownFile.text(cell) + "'");
            keys.add(MarkdownFile.text(cell));
        }
        assertEquals(ConfigParser.KEYS.stream().sorted().toList(), keys.stream().sorted().toList(),
                "README's key table against ConfigParser.KEYS (each key once, in any order)");
    }

    private static List<Path> docs() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("jbd-target/README.md")));
        try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
            files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    /** One line per relative link of {@code md} whose file (or heading, after {@code #}) does not exist. */
    private static List<String> brokenLinks(MarkdownFile md) throws IOException {
        List<String> broken = new ArrayList<>();
        for (String link : md.relativeLinks()) {
            int hash = link.indexOf('#');
            String path = hash < 0 ? link : link.substring(0, hash);
            Path target = path.isEmpty() ? md.file() : md.file().getParent().resolve(path).normalize();
            if (!Files.exists(target)) {
                broken.add(md.file() + ": " + link + ": no such file");
            } else if (hash >= 0 && !new MarkdownFile(target).anchors().contains(link.substring(hash + 1))) {
                broken.add(md.file() + ": " + link + ": no heading '" + link.substring(hash + 1) + "'");
            }
        }
        return broken;
    }
}
