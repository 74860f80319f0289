package dev.slabagent.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonPrimitive;
import com.google.gson.internal.bind.JsonTreeReader;
import dev.slabagent.runtime.SlabRegistry;
import fixture.real.Codecs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.codec.binary.Base64;
import org.apache.commons.codec.binary.Base64InputStream;
import org.apache.commons.codec.binary.Base64OutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Constructor chains on real libraries from the registry (Commons Codec, Gson, Jackson), not on our fixtures: the
 * classes are pooled, reused, give the program the same output as plain {@code new}, and a recycled object equals a
 * fresh one field for field, its JDK superclass's included; Jackson's parser, whose base constructor hands
 * {@code this} out, is refused naming that constructor.
 */
class RealLibraryChainTest {

    private static final String CONFIG = """
            slab.codec.class=org.apache.commons.codec.binary.Base64
            slab.encoder.class=org.apache.commons.codec.binary.Base64OutputStream
            slab.decoder.class=org.apache.commons.codec.binary.Base64InputStream
            slab.reader.class=com.google.gson.internal.bind.JsonTreeReader
            sites=fixture.real
            """;

    @AfterEach
    void uninstall() {
        TestAgent.installer().uninstall();
    }

    @ParameterizedTest
    @ValueSource(strings = {"locked", "magazine"})
    void pooledLibraryObjectsGiveTheSameOutputAsNew(String strategy) throws IOException {
        List<List<String>> plain = rounds();
        Installation installed = TestAgent.install(config(strategy));
        assertEquals(List.of(), installed.problems());
        assertEquals(List.of("codec", "encoder", "decoder", "reader"), installed.activated());
        assertEquals(plain, rounds());
        for (String cache : installed.activated()) {
            long hits = SlabRegistry.get(cache).stats().hits();
            assertTrue(hits >= 199, cache + " reused its objects: " + hits + " hits in 200 rounds");
        }
    }

    @Test
    void recycledLibraryObjectsEqualFreshOnes() throws Exception {
        TestAgent.install(config("magazine"));
        Codecs.round(1);
        Base64 codec = Codecs.newCodec(76, true);
        FieldState.assertSameState(new Base64(76, new byte[] {'\n'}, true), codec);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        Base64OutputStream encoder = Codecs.newEncoder(sink);
        FieldState.assertSameState(new Base64OutputStream(sink, true, 4, new byte[] {'\r', '\n'}), encoder);
        ByteArrayInputStream source = new ByteArrayInputStream(new byte[0]);
        Base64InputStream decoder = Codecs.newDecoder(source);
        FieldState.assertSameState(new Base64InputStream(source), decoder);
        JsonPrimitive value = new JsonPrimitive(3);
        JsonTreeReader reader = Codecs.newReader(value);
        FieldState.assertSameState(new JsonTreeReader(value), reader);
    }

    @Test
    void aParserWhoseBaseHandsThisOutIsRefusedNamingTheBase() {
        Installation installed = TestAgent.install("""
                slab.parser.class=com.fasterxml.jackson.core.json.ReaderBasedJsonParser
                slab.parser.release=fixture.real.Codecs#done:0
                sites=fixture.real
                """);
        assertEquals(List.of(), installed.activated());
        assertEquals(List.of("slab-agent: slab.parser.class: cannot recycle"
                + " com.fasterxml.jackson.core.json.ReaderBasedJsonParser: constructor"
                + " com.fasterxml.jackson.core.base.ParserBase(com.fasterxml.jackson.core.io.IOContext, int) passes this"
                + " to com.fasterxml.jackson.core.json.DupDetector.rootDetector(..): it cannot be re-run on a recycled"
                + " object; cache parser is not rewritten"), installed.problems());
    }

    /** Every cache released at {@code Codecs#done}, reused at once (verify=0) and never sampled. */
    private static String config(String strategy) {
        StringBuilder config = new StringBuilder(CONFIG);
        for (String cache : List.of("codec", "encoder", "decoder", "reader")) {
            config.append("slab.").append(cache).append(".release=fixture.real.Codecs#done:0\n")
                    .append("slab.").append(cache).append(".strategy=").append(strategy).append('\n')
                    .append("slab.").append(cache).append(".verify=0\n")
                    .append("slab.").append(cache).append(".sample=0\n");
        }
        return config.toString();
    }

    private static List<List<String>> rounds() throws IOException {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            out.add(Codecs.round(i));
        }
        return out;
    }
}
