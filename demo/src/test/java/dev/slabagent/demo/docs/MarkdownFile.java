package dev.slabagent.demo.docs;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;

/** A Markdown file of the project read as CommonMark with GitHub's tables: its links, heading anchors and tables. */
final class MarkdownFile {

    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create())).build();

    private final Path file;
    private final Node document;

    MarkdownFile(Path file) throws IOException {
        this.file = file;
        this.document = PARSER.parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    Path file() {
        return file;
    }

    /** Destinations of every link and image that is neither a URL with a scheme nor a mail address. */
    List<String> relativeLinks() {
        List<String> links = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                add(link.getDestination());
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                add(image.getDestination());
            }

            private void add(String destination) {
                if (URI.create(destination.replace(" ", "%20")).getScheme() == null) {
                    links.add(destination);
                }
            }
        });
        return links;
    }

    /** The anchors GitHub gives the headings: lower case, punctuation dropped, spaces as hyphens. */
    Set<String> anchors() {
        Set<String> anchors = new TreeSet<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                anchors.add(text(heading).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
            }
        });
        return anchors;
    }

    /** The rows (header first) of every table whose first header cell reads {@code firstHeader}. */
    List<List<Node>> table(String firstHeader) {
        List<List<Node>> rows = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(org.commonmark.node.CustomBlock block) {
                if (block instanceof TableBlock) {
                    List<List<Node>> table = new ArrayList<>();
                    block.accept(new AbstractVisitor() {
                        @Override
                        public void visit(org.commonmark.node.CustomNode node) {
                            if (node instanceof TableRow) {
                                List<Node> cells = new ArrayList<>();
                                for (Node c = node.getFirstChild(); c != null; c = c.getNext()) {
                                    cells.add((TableCell) c);
                                }
                                table.add(cells);
                            } else {
                                visitChildren(node);
                            }
                        }
                    });
                    if (!table.isEmpty() && text(table.get(0).get(0)).equals(firstHeader)) {
                        rows.addAll(table);
                    }
                }
            }
        });
        return rows;
    }

    /** The plain text of a node: its text and code spans, markup dropped. */
    static String text(Node node) {
        StringBuilder out = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                out.append(text.getLiteral());
            }

            @Override
            public void visit(Code code) {
                out.append(code.getLiteral());
            }
        });
        return out.toString();
    }
}
