package dev.slabagent.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fixture.chain.Chains;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Installing over an installed config (a re-attach) retransforms each class once, back to the original or for the
 * new caches: never once to restore it and again to rewrite it; uninstalling retransforms each once too.
 */
class RetransformOnceTest {

    private static final String CONFIG = """
            slab.leaf.class=fixture.chain.Leaf
            slab.leaf.release=fixture.chain.Chains#done:0
            sites=fixture.chain
            """;

    private final Map<String, Integer> retransforms = new ConcurrentHashMap<>();
    private final ClassFileTransformer counter = new ClassFileTransformer() {
        @Override
        public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined,
                                ProtectionDomain domain, byte[] classFile) {
            if (redefined != null) {
                retransforms.merge(name, 1, Integer::sum);
            }
            return null;
        }
    };

    @AfterEach
    void uninstall() {
        TestAgent.instrumentation().removeTransformer(counter);
        TestAgent.installer().uninstall();
    }

    @Test
    void aReinstallAndAnUninstallRetransformEachClassOnce() {
        Chains.done(Chains.leaf(1));
        assertEquals(List.of("leaf"), TestAgent.install(CONFIG).activated());
        Instrumentation inst = TestAgent.instrumentation();
        inst.addTransformer(counter, true);

        assertEquals(List.of("leaf"), TestAgent.install(CONFIG).activated());
        assertEquals(1, retransforms.get("fixture/chain/Chains"), "re-install: " + retransforms);
        retransforms.clear();

        TestAgent.installer().uninstall();
        assertEquals(1, retransforms.get("fixture/chain/Chains"), "uninstall: " + retransforms);
    }
}
