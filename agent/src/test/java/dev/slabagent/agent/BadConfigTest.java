package dev.slabagent.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fixture.bad.Counted;
import fixture.bad.Makers;
import fixture.pool.Packet;
import fixture.pool.Router;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each kind of config mistake gives its one line, leaves that cache out, and the program runs unmodified. */
class BadConfigTest {

    @AfterEach
    void uninstall() {
        TestAgent.installer().uninstall();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "class=fixture.pool.Nope                  | slab-agent: slab.bad.class: class fixture.pool.Nope not found; cache bad is not rewritten",
        "release=fixture.pool.Nowhere#stop:0      | slab-agent: slab.bad.release: class fixture.pool.Nowhere not found; cache bad is not rewritten",
        "release=fixture.pool.Router#nope:0       | slab-agent: slab.bad.release: fixture.pool.Router has no method nope; cache bad is not rewritten",
        "release=fixture.pool.Router#stop:5       | slab-agent: slab.bad.release: fixture.pool.Router: argument 5 out of range: stop has 2 parameter(s); cache bad is not rewritten",
        "release=fixture.pool.Router#open:0       | slab-agent: slab.bad.release: fixture.pool.Router: parameter 0 of open cannot hold a fixture.pool.Packet; cache bad is not rewritten",
        "release=fixture.pool.Router#stop:this    | slab-agent: slab.bad.release: this in fixture.pool.Router#stop:this is never a fixture.pool.Packet; cache bad is not rewritten",
        "when=nope==0                             | slab-agent: slab.bad.when: fixture.pool.Packet has no instance field nope; cache bad is not rewritten",
        "when=weight==0                           | slab-agent: slab.bad.when: field weight of fixture.pool.Packet is double, not an integer type; cache bad is not rewritten",
        "when=ref==true                           | slab-agent: slab.bad.when: field ref of fixture.pool.Packet is int, not boolean; cache bad is not rewritten",
        "when=ref==0&&ready!=null                 | slab-agent: slab.bad.when: field ready of fixture.pool.Packet is boolean, not a reference; cache bad is not rewritten",
        "when=ref==0&&gone==null                  | slab-agent: slab.bad.when: fixture.pool.Packet has no instance field gone; cache bad is not rewritten",
        "class=java.util.ArrayList                | slab-agent: slab.bad.class: java.util.ArrayList belongs to the JDK or the agent, which are never rewritten; cache bad is not rewritten",
        "class=fixture.bad.Child                  | slab-agent: slab.bad.class: cannot recycle fixture.bad.Child: constructor fixture.bad.Base() writes static field made: it cannot be re-run on a recycled object; cache bad is not rewritten",
        "preserve=label                           | slab-agent: slab.bad.preserve: cannot recycle fixture.pool.Packet: field label of fixture.pool.Packet is a java.lang.String, not a Collection, Map or array; cache bad is not rewritten",
    })
    void semanticMistakeGivesOneLineAndLeavesTheClassAlone(String override, String line) throws Exception {
        String key = override.substring(0, override.indexOf('='));
        StringBuilder config = new StringBuilder();
        for (String kv : List.of("class=fixture.pool.Packet", "release=fixture.pool.Router#stop:0", "when=ref==0")) {
            if (!kv.startsWith(key + "=")) {
                config.append("slab.bad.").append(kv).append('\n');
            }
        }
        config.append("slab.bad.").append(override).append("\nsites=fixture.pool\n");
        Installation installed = TestAgent.install(config.toString());
        assertEquals(List.of(line), installed.problems());
        assertEquals(List.of(), installed.activated());
        assertProgramRunsUnmodified();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Counted    | counted    | slab-agent: slab.bad.class: cannot recycle fixture.bad.Counted: constructor fixture.bad.Counted() writes static field count: it cannot be re-run on a recycled object; cache bad is not rewritten",
        "Registered | registered | slab-agent: slab.bad.class: cannot recycle fixture.bad.Registered: constructor fixture.bad.Registered() passes this to java.util.List.add(..): it cannot be re-run on a recycled object; cache bad is not rewritten",
        "SuperCall  | superCall  | slab-agent: slab.bad.class: cannot recycle fixture.bad.SuperCall: constructor fixture.bad.SuperCall() calls super.hashCode(..): it cannot be re-run on a recycled object; cache bad is not rewritten",
    })
    void constructorReachingOutsideTheObjectIsRefusedAndItsSitesRunUnrewritten(String type, String site, String line)
            throws Exception {
        Installation installed = TestAgent.install("slab.bad.class=fixture.bad." + type
                + "\nslab.bad.release=fixture.bad.Makers#done:0\nsites=fixture.bad\n");
        assertEquals(List.of(line), installed.problems());
        assertEquals(List.of(), installed.activated());
        Method make = Makers.class.getMethod(site);
        assertEquals(List.of(site + "()Lfixture/bad/" + type + ";"),
                TestAgent.methodsWithNew(TestAgent.currentClassFile(Makers.class), "fixture/bad/" + type));
        Object first = make.invoke(null);
        Makers.done(first);
        assertNotSame(first, make.invoke(null), "nothing is recycled");
    }

    @Test
    void refusedConstructorsStillHaveTheirEffects() throws Exception {
        TestAgent.install("slab.bad.class=fixture.bad.Counted\nslab.bad.release=fixture.bad.Makers#done:0\n"
                + "sites=fixture.bad\n");
        int count = Counted.count;
        Makers.done(Makers.counted());
        Makers.done(Makers.counted());
        assertEquals(count + 2, Counted.count, "each new ran the real constructor");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "fixture.pool.Nope[8]  | fixture.pool.Router#stop:0    | slab-agent: slab.bad.array: class fixture.pool.Nope not found; cache bad is not rewritten",
        "byte[8]               | fixture.pool.Router#stop:0    | slab-agent: slab.bad.release: fixture.pool.Router: parameter 0 of stop cannot hold a byte[]; cache bad is not rewritten",
        "byte[8]               | fixture.pool.Router#stop:this | slab-agent: slab.bad.release: this in fixture.pool.Router#stop:this is never a byte[]; cache bad is not rewritten",
    })
    void arrayCacheMistakeGivesOneLine(String array, String release, String line) throws Exception {
        Installation installed = TestAgent.install("slab.bad.array=" + array + "\nslab.bad.release=" + release
                + "\nsites=fixture.pool\n");
        assertEquals(List.of(line), installed.problems());
        assertEquals(List.of(), installed.activated());
        assertProgramRunsUnmodified();
    }

    @Test
    void syntaxMistakeDropsOnlyItsCache() throws Exception {
        Installation installed = TestAgent.install("""
                slab.good.class=fixture.pool.Packet
                slab.good.release=fixture.pool.Router#stop:0
                slab.broken.class=fixture.sites.Point
                slab.broken.release=fixture.sites.Points#release:0
                slab.broken.capacity=lots
                sites=fixture.pool
                """);
        assertEquals(List.of("good"), installed.activated());
        assertEquals(1, installed.problems().size(), installed.problems().toString());
        assertTrue(installed.problems().get(0).contains("slab.broken.capacity"), installed.problems().toString());
    }

    private static void assertProgramRunsUnmodified() throws Exception {
        assertEquals(List.of("open(J)Lfixture/pool/Packet;", "open(JD)Lfixture/pool/Packet;"),
                TestAgent.methodsWithNew(TestAgent.currentClassFile(Router.class), "fixture/pool/Packet"));
        Packet p = Router.open(3);
        p.ref = 1;
        Router.stop(p);
        assertTrue(p != Router.open(3), "nothing is recycled");
    }
}
