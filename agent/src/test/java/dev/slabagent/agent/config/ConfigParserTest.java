package dev.slabagent.agent.config;

import dev.slabagent.runtime.debug.DebugMode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slabagent.runtime.Strategy;
import dev.slabagent.runtime.verify.OnHazard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigParserTest {

    /** A valid cache that every mistake case carries along: it must survive the other cache's mistakes. */
    private static final String GOOD = """
            slab.ok.class=com.example.Packet
            slab.ok.release=com.example.Router#done:0
            """;

    private static final String X = "slab.x.class=com.example.X\nslab.x.release=com.example.X#close:this\n";

    /** The annotated example of issue 3, as written there (inline comments included), plus issue 8's keys. */
    private static final String FULL_EXAMPLE = """
            # Issue 3's example
            slab.packet.class=com.example.Packet        # the class whose `new` sites are rewritten
            slab.packet.release=com.example.Router#done:0   # Owner#method:ARG (0-based parameter) or Owner#method:this
            slab.packet.when=ref==0                     # optional guard on an int/boolean field of the object at release
            slab.packet.strategy=magazine               # new | locked | magazine   (default magazine)
            slab.packet.capacity=1024                   # most free objects the cache keeps (default 1024)
            sites=com.example                           # optional: package prefixes whose code is rewritten
            slab.packet.preserve=callbacks              # optional: fields kept across reuse (see below)
            report=exit                                 # optional: print the slabinfo table to stderr when the JVM exits
            debug=on
            # Issue 8's example
            slab.frozen.array=byte[4096]
            slab.frozen.release=com.example.Sender#sent:1
            slab.frozen.zero=false
            slab.frozen.strategy=locked
            slab.frozen.capacity=256
            slab.frozen.sites=com.example.io.Sender
            slab.frozen.onthrow=free
            slab.frozen.verify=0
            slab.frozen.sample=64
            slab.frozen.onhazard=report
            slab.names.array=java.lang.String[16]
            slab.names.release=com.example.Names#done:this
            slab.closer.class=com.example.Conn
            slab.closer.release=com.example.Conn#close:this
            slab.closer.when = closed != true
            slab.closer.strategy=new
            """;

    @Test
    void keysListsEveryKeyTheParserAcceptsAndNoOther() {
        assertTrue(ConfigParser.KEYS.containsAll(List.of("slab.NAME.class", "slab.NAME.release", "sites", "report", "debug")));
        for (String key : ConfigParser.KEYS) {
            List<String> errors = ConfigParser.parse(key.replace("NAME", "c") + "=x").errors();
            assertTrue(errors.stream().noneMatch(e -> e.contains("unknown key")), key + ": " + errors);
        }
        for (String key : List.of("slab.c.bogus", "bogus")) {
            List<String> errors = ConfigParser.parse(key + "=x").errors();
            assertTrue(errors.stream().anyMatch(e -> e.contains(key + ": unknown key")), key + ": " + errors);
        }
    }

    @Test
    void theFullExampleParsesWithoutErrors() {
        AgentConfig c = ConfigParser.parse(FULL_EXAMPLE);
        assertEquals(List.of(), c.errors());
        assertEquals(List.of("packet", "frozen", "names", "closer"), c.caches().stream().map(CacheSpec::name).toList());
        assertEquals(new CacheSpec("packet", "com.example.Packet", null,
                new ReleasePoint("com.example.Router", "done", 0), new Guard(List.of(new Guard.Term("ref", "==", 0, Guard.Kind.INTEGER))),
                Strategy.MAGAZINE, 1024, List.of("callbacks"), true, List.of(), false,
                new CacheSpec.Checks(CacheSpec.DEFAULT_VERIFY, CacheSpec.DEFAULT_SAMPLE, OnHazard.OFF)), c.cache("packet"));
        assertEquals(new CacheSpec("frozen", null, new ArraySpec("byte", 4096),
                new ReleasePoint("com.example.Sender", "sent", 1), null,
                Strategy.LOCKED, 256, List.of(), false, List.of("com.example.io.Sender"), true,
                new CacheSpec.Checks(0, 64, OnHazard.REPORT)), c.cache("frozen"));
        CacheSpec names = c.cache("names");
        assertEquals(new ArraySpec("java.lang.String", 16), names.array());
        assertFalse(names.array().isPrimitive());
        assertTrue(names.release().releasesThis());
        assertTrue(names.zero(), "zero defaults to true");
        assertEquals(Strategy.MAGAZINE, names.strategy(), "strategy defaults to magazine");
        assertFalse(names.freeOnThrow(), "onthrow defaults to keep");
        assertEquals(CacheSpec.DEFAULT_CAPACITY, names.capacity());
        assertEquals(new Guard(List.of(new Guard.Term("closed", "!=", 1, Guard.Kind.BOOLEAN))), c.cache("closer").guard());
        assertEquals(Strategy.NEW, c.cache("closer").strategy());
        assertEquals(List.of("com.example"), c.sitePrefixes());
        assertTrue(c.reportAtExit());
        assertEquals(DebugMode.ON, c.debug());
    }

    @Test
    void theSeedConfigParses() {
        AgentConfig c = ConfigParser.parse("""
                slab.journal_handle.class=dev.slabagent.jbd.Handle
                slab.journal_handle.release=dev.slabagent.jbd.Transactions#stop:0
                slab.journal_handle.when=ref==0
                """);
        assertEquals(List.of(), c.errors());
        CacheSpec h = c.cache("journal_handle");
        assertEquals("dev.slabagent.jbd.Handle", h.className());
        assertEquals(new ReleasePoint("dev.slabagent.jbd.Transactions", "stop", 0), h.release());
        assertTrue(h.guard().terms().get(0).test(0));
        assertFalse(h.guard().terms().get(0).test(1));
        assertEquals(List.of(), c.sitePrefixes());
        assertFalse(c.reportAtExit());
        assertEquals(DebugMode.OFF, c.debug());
    }

    static Stream<Arguments> cacheMistakes() {
        return Stream.of(
                mistake(X + "slab.x.capacity=abc", "slab.x.capacity: not a positive integer: 'abc'"),
                mistake(X + "slab.x.capacity=0", "slab.x.capacity: not a positive integer: '0'"),
                mistake(X + "slab.x.capacity=-5", "slab.x.capacity: not a positive integer: '-5'"),
                mistake(X + "slab.x.capacity=99999999999", "slab.x.capacity: not a positive integer: '99999999999'"),
                mistake(X + "slab.x.capacity=", "slab.x.capacity: not a positive integer: ''"),
                mistake(X + "slab.x.strategy=slub", "slab.x.strategy: not one of new, locked, magazine: 'slub'"),
                mistake("slab.x.class=com..X\nslab.x.release=a.B#c:0", "slab.x.class: not a class name: 'com..X'"),
                mistake("slab.x.release=a.B#c:0", "slab.x.class: missing (give slab.x.class or slab.x.array)"),
                mistake(X + "slab.x.array=byte[8]", "slab.x.array: give slab.x.class or slab.x.array, not both"),
                mistake("slab.x.class=a.B", "slab.x.release: missing (Owner#method:ARG or Owner#method:this)"),
                mistake("slab.x.class=a.B\nslab.x.release=a.B.c:0",
                        "slab.x.release: not Owner#method:ARG or Owner#method:this: 'a.B.c:0'"),
                mistake("slab.x.class=a.B\nslab.x.release=a.B#c", "slab.x.release: not Owner#method:ARG or Owner#method:this: 'a.B#c'"),
                mistake("slab.x.class=a.B\nslab.x.release=a B#c:0", "slab.x.release: not a class name: 'a B'"),
                mistake("slab.x.class=a.B\nslab.x.release=a.B#c():0", "slab.x.release: not a method name: 'c()'"),
                mistake("slab.x.class=a.B\nslab.x.release=a.B#c:first",
                        "slab.x.release: argument not 'this' or a parameter index 0..254: 'first'"),
                mistake("slab.x.class=a.B\nslab.x.release=a.B#c:255",
                        "slab.x.release: argument not 'this' or a parameter index 0..254: '255'"),
                mistake(X + "slab.x.when=ref=0", "slab.x.when: not FIELD OP VALUE with OP one of == != <= >= < >, joined by &&: 'ref=0'"),
                mistake(X + "slab.x.when=1ref==0", "slab.x.when: not FIELD OP VALUE with OP one of == != <= >= < >, joined by &&: '1ref==0'"),
                mistake(X + "slab.x.when=ref==0&&", "slab.x.when: not FIELD OP VALUE with OP one of == != <= >= < >, joined by &&: ''"),
                mistake(X + "slab.x.when=ref==zero", "slab.x.when: value not an integer, true, false or null: 'zero'"),
                mistake(X + "slab.x.when=closed<true", "slab.x.when: a boolean takes only == or !=: 'closed<true'"),
                mistake(X + "slab.x.when=ref==0&&buf>=null", "slab.x.when: a null takes only == or !=: 'buf>=null'"),
                mistake(X + "slab.x.when=ref==0||closed==true",
                        "slab.x.when: only && joins comparisons (a release frees only when all hold): 'ref==0||closed==true'"),
                mistake(X + "slab.x.zero=false", "slab.x.zero: only for array caches (slab.x.array) and preserved arrays"
                        + " (slab.x.preserve)"),
                mistake(X + "slab.x.preserve=a,,b", "slab.x.preserve: not a field name: ''"),
                mistake(X + "slab.x.preserve=list,list", "slab.x.preserve: field named twice: 'list'"),
                mistake(X + "slab.x.clas=a.B", "slab.x.clas: unknown key (a cache takes class, array, release, when, "
                        + "strategy, capacity, preserve, zero, sites, onthrow, verify, sample, onhazard)"),
                mistake(X + "slab.x.sites=a.b,", "slab.x.sites: not a package prefix or class name: ''"),
                mistake(X + "slab.x.capacity=1\nslab.x.capacity=2", "slab.x.capacity: given more than once"),
                mistake("slab.x.y.class=a.B\nslab.x.y.release=a.B#c:0",
                        "slab.x.y: bad cache name 'x.y' (letters, digits, '_' and '-' only)"),
                mistake("slab.x.array=byte\nslab.x.release=a.B#c:0",
                        "slab.x.array: not TYPE[LENGTH] (e.g. byte[4096]): 'byte'"),
                mistake("slab.x.array=byte[4][4]\nslab.x.release=a.B#c:0",
                        "slab.x.array: not TYPE[LENGTH] (e.g. byte[4096]): 'byte[4][4]'"),
                mistake("slab.x.array=byte[0]\nslab.x.release=a.B#c:0",
                        "slab.x.array: length not a positive integer: '0'"),
                mistake("slab.x.array=byte[]\nslab.x.release=a.B#c:0",
                        "slab.x.array: length not a positive integer: ''"),
                mistake("slab.x.array=9lives[4]\nslab.x.release=a.B#c:0",
                        "slab.x.array: not a primitive type or class name: '9lives'"),
                mistake("slab.x.array=byte[4]\nslab.x.release=a.B#c:0\nslab.x.when=ref==0",
                        "slab.x.when: an array cache has no fields to test"),
                mistake("slab.x.array=byte[4]\nslab.x.release=a.B#c:0\nslab.x.preserve=f",
                        "slab.x.preserve: only for object caches (slab.x.class)"),
                mistake("slab.x.array=byte[4]\nslab.x.release=a.B#c:0\nslab.x.zero=yes",
                        "slab.x.zero: not true or false: 'yes'"),
                mistake(X + "slab.x.onthrow=release", "slab.x.onthrow: not free or keep: 'release'"),
                mistake(X + "slab.x.onthrow=", "slab.x.onthrow: not free or keep: ''"),
                mistake(X + "slab.x.verify=-1", "slab.x.verify: not a whole number from 0 up: '-1'"),
                mistake(X + "slab.x.sample=many", "slab.x.sample: not a whole number from 0 up: 'many'"),
                mistake(X + "slab.x.onhazard=ignore", "slab.x.onhazard: not off or report: 'ignore'"));
    }

    private static Arguments mistake(String xLines, String error) {
        return Arguments.of(xLines, error);
    }

    @ParameterizedTest
    @MethodSource("cacheMistakes")
    void eachCacheMistakeIsOneLineAndDropsOnlyThatCache(String xLines, String error) {
        AgentConfig c = ConfigParser.parse(GOOD + xLines + "\n");
        assertEquals(List.of("slab-agent: config: " + error), c.errors());
        assertNull(c.cache("x"));
        assertEquals(List.of("ok"), c.caches().stream().map(CacheSpec::name).toList());
    }

    static Stream<Arguments> globalMistakes() {
        return Stream.of(
                Arguments.of("sites=com.example, not a prefix,org.acme",
                        "sites: not a package prefix: 'not a prefix' (entry ignored)"),
                Arguments.of("report=always", "report: not exit or off: 'always'"),
                Arguments.of("debug=verbose", "debug: not off, on or fail: 'verbose'"),
                Arguments.of("slab=1", "slab: unknown key (expected slab.NAME.KEY, sites, report or debug)"),
                Arguments.of("capacity=5", "capacity: unknown key (expected slab.NAME.KEY, sites, report or debug)"),
                Arguments.of("report=exit\nreport=off", "report: given more than once (the last value is used)"));
    }

    @ParameterizedTest
    @MethodSource("globalMistakes")
    void eachGlobalMistakeIsOneLineAndKeepsEveryCache(String lines, String error) {
        AgentConfig c = ConfigParser.parse(GOOD + lines + "\n");
        assertEquals(List.of("slab-agent: config: " + error), c.errors());
        assertEquals(List.of("ok"), c.caches().stream().map(CacheSpec::name).toList());
    }

    @Test
    void badSitesEntriesAreSkippedAndGoodOnesKept() {
        AgentConfig c = ConfigParser.parse("sites=com.example, not a prefix,org.acme");
        assertEquals(List.of("com.example", "org.acme"), c.sitePrefixes());
    }

    @Test
    void severalMistakesGiveOneLineEach() {
        AgentConfig c = ConfigParser.parse(GOOD + """
                slab.a.class=a.A
                slab.a.capacity=lots
                slab.a.strategy=fast
                debug=loud
                """);
        assertEquals(List.of(
                "slab-agent: config: debug: not off, on or fail: 'loud'",
                "slab-agent: config: slab.a.release: missing (Owner#method:ARG or Owner#method:this)",
                "slab-agent: config: slab.a.strategy: not one of new, locked, magazine: 'fast'",
                "slab-agent: config: slab.a.capacity: not a positive integer: 'lots'"), c.errors());
        assertEquals(List.of("ok"), c.caches().stream().map(CacheSpec::name).toList());
    }

    @Test
    void anEmptyConfigHasNoCachesAndNoErrors() {
        AgentConfig c = ConfigParser.parse("# nothing yet\n");
        assertEquals(List.of(), c.caches());
        assertEquals(List.of(), c.errors());
    }

    @Test
    void aMalformedEscapeIsOneLine() {
        AgentConfig c = ConfigParser.parse("slab.x.class=\\uZZZZ\n");
        assertEquals(List.of("slab-agent: config: not a properties file (Malformed \\uxxxx encoding.)"), c.errors());
        assertEquals(List.of(), c.caches());
    }

    @Test
    void aFileIsReadAsUtf8(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("slab.properties");
        Files.writeString(file, GOOD, StandardCharsets.UTF_8);
        AgentConfig c = ConfigParser.load(file);
        assertEquals(List.of(), c.errors());
        assertEquals("com.example.Packet", c.cache("ok").className());
    }

    @Test
    void aMissingFileIsOneLine(@TempDir Path dir) {
        Path file = dir.resolve("none.properties");
        AgentConfig c = ConfigParser.fromAgentArgs(file.toString());
        assertEquals(List.of("slab-agent: config: " + file + ": no such file"), c.errors());
        assertEquals(List.of(), c.caches());
    }

    @Test
    void aDirectoryIsOneLine(@TempDir Path dir) {
        AgentConfig c = ConfigParser.load(dir);
        assertEquals(1, c.errors().size());
        assertTrue(c.errors().get(0).startsWith("slab-agent: config: " + dir + ": cannot read ("), c.errors().get(0));
    }

    @Test
    void aFileThatIsNotUtf8IsOneLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1.properties");
        Files.write(file, new byte[] {'a', '=', (byte) 0xE9, '\n'});
        assertEquals(List.of("slab-agent: config: " + file + ": not UTF-8 text"), ConfigParser.load(file).errors());
    }

    @Test
    void noAgentArgumentIsOneLine() {
        assertEquals(List.of("slab-agent: config: no config file given (-javaagent:slab-agent.jar=PATH/TO/slab.properties)"),
                ConfigParser.fromAgentArgs(null).errors());
        assertEquals(1, ConfigParser.fromAgentArgs("  ").errors().size());
    }
}
