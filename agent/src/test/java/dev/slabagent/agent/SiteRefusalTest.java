package dev.slabagent.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.slabagent.runtime.alloc.SlabSites;
import fixture.pool.Packet;
import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A site the cache cannot serve (as when a JDK refuses the reinit's final-field setters, JEP 500): it constructs with
 * {@code new}, and the whole cache goes off with one {@code slab-agent:} line, once however many sites fail.
 */
class SiteRefusalTest {

    private static final String CONFIG = """
            slab.packet.class=fixture.pool.Packet
            slab.packet.release=fixture.pool.Router#stop:0
            slab.packet.when=ref==0
            slab.packet.verify=0
            slab.packet.sample=0
            sites=fixture.pool
            """;

    @AfterEach
    void uninstall() {
        TestAgent.installer().uninstall();
    }

    @Test
    void aRefusedSiteConstructsWithNewAndSwitchesTheCacheOffWithOneLine() throws Throwable {
        Installation installed = TestAgent.install(CONFIG);
        assertEquals(List.of("packet"), installed.activated());
        TestAgent.installer().linkage().sites().bind("packet", (caller, type, plainNew) -> {
            throw new IllegalAccessException("Can't set final field fixture.pool.Packet.id");
        });
        MethodType type = MethodType.methodType(Packet.class, long.class);
        try (StderrCapture err = new StderrCapture()) {
            CallSite first = SlabSites.bootstrap(MethodHandles.lookup(), "new", type, "packet");
            CallSite second = SlabSites.bootstrap(MethodHandles.lookup(), "new", type, "packet");
            Packet p = (Packet) first.dynamicInvoker().invoke(7L);
            assertNotNull(p);
            assertNotNull((Packet) second.dynamicInvoker().invoke(8L));
            assertEquals("slab-agent: slab.packet: cannot recycle fixture.pool.Packet (java.lang.IllegalAccessException:"
                    + " Can't set final field fixture.pool.Packet.id, at a site in " + SiteRefusalTest.class.getName()
                    + "); if the JVM refuses to set its final fields (JEP 500), run with"
                    + " --enable-final-field-mutation=ALL-UNNAMED or its module; cache off\n", err.text());
        }
        // the switch-off runs on its own thread (the linking thread may hold a class loader's lock)
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (TestAgent.installer().caches().get("packet") && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertFalse(TestAgent.installer().caches().get("packet"), "the installer switched the cache off");
    }
}
