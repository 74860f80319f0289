package dev.slabagent.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slabagent.agent.config.ConfigParser;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What premain relies on: the install runs off the path to {@code main}, and a class it may rewrite waits for it at
 * its load while every other class loads at once.
 */
class BackgroundInstallTest {

    private static final byte[] REWRITTEN = {1, 2, 3};

    @AfterEach
    void uninstall() {
        TestAgent.installer().uninstall();
    }

    @Test
    void returnsBeforeTheInstallAndHandsItsOutcomeOver() throws Exception {
        CompletableFuture<Installation> done = new CompletableFuture<>();
        // install() is synchronized on the installer: while this thread holds its lock, the install cannot have run
        AgentInstaller installer = TestAgent.installer();
        synchronized (installer) {
            installer.installInBackground(ConfigParser.parse("""
                    slab.leaf.class=fixture.chain.Leaf
                    slab.leaf.release=fixture.chain.Chains#done:0
                    sites=fixture.chain
                    """), done::complete, done::completeExceptionally);
            assertFalse(done.isDone(), "premain returned after the install");
        }
        Installation installed = done.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("leaf"), installed.activated());
        assertEquals(List.of(), installed.problems());
    }

    @Test
    void aClassTheInstallMayRewriteWaitsForItOthersLoadAtOnce() throws Exception {
        TransformerSlot slot = new TransformerSlot();
        ClassFileTransformer rewriting = new ClassFileTransformer() {
            @Override
            public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined,
                                    ProtectionDomain domain, byte[] classFile) {
                return REWRITTEN;
            }
        };
        slot.installing(name -> name.startsWith("app/"));
        assertNull(slot.transform(null, null, "lib/Other", null, null, new byte[0]),
                "a class the install will not rewrite loads at once, unchanged");
        CompletableFuture<byte[]> site = CompletableFuture.supplyAsync(
                () -> slot.transform(null, null, "app/Site", null, null, new byte[0]));
        Thread.sleep(200);
        assertFalse(site.isDone(), "a site loaded while the install runs waits for it");
        slot.set(rewriting);
        slot.installed();
        assertArrayEquals(REWRITTEN, site.get(10, TimeUnit.SECONDS), "and is rewritten by what it installed");
        assertTrue(slot.transform(null, null, "app/Later", null, null, new byte[0]) == REWRITTEN);
    }
}
