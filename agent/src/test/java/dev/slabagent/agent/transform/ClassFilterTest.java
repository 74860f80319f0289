package dev.slabagent.agent.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the agent never rewrites, in this unshaded build: the JDK, the agent, and the libraries the agent runs on,
 * which here are the unshaded {@code net/bytebuddy/} etc. (against the shipped jar, where they are host code:
 * {@code HostLibrariesIT}).
 */
class ClassFilterTest {

    private final ClassFilter all = new ClassFilter(List.of());
    private final ClassFilter sites = new ClassFilter(List.of("fixture.pool", "dev.slabagent.jbd.Journal"));

    @ParameterizedTest
    @CsvSource({
        "java/util/ArrayList, false", "jdk/internal/misc/Unsafe, false", "sun/misc/Signal, false",
        "com/sun/management/GcInfo, false", "javax/management/ObjectName, false",
        "dev/slabagent/agent/AgentInstaller, false", "dev/slabagent/runtime/SlabCache, false",
        "dev/slabagent/shaded/bytebuddy/ByteBuddy, false",
        "net/bytebuddy/ByteBuddy, false", "net/bytebuddy/agent/ByteBuddyAgent, false",
        "org/objectweb/asm/tree/ClassNode, false", "org/slf4j/simple/SimpleLogger, false", "picocli/CommandLine, false",
        "dev/slabagent/jbd/Handle, true", "dev/slabagent/demo/Demo, true", "fixture/pool/Packet, true",
        "net/bytebuddyish/Thing, true", "javafx/Thing, true",
    })
    void neverRewritesTheJdkTheAgentOrTheAgentsLibraries(String internalName, boolean mayRewrite) {
        assertEquals(mayRewrite, all.mayRewrite(internalName));
        assertEquals(mayRewrite, all.isSite(internalName), "without sites every rewritable class is a site");
    }

    @ParameterizedTest
    @CsvSource({
        "fixture/pool/Router, true", "fixture/pool/sub/Deep, true", "fixture/poolside/Router, false",
        "dev/slabagent/jbd/Journal, true", "dev/slabagent/jbd/Commit, false",
    })
    void sitesArePackagePrefixesOrClasses(String internalName, boolean site) {
        assertEquals(site, sites.isSite(internalName));
    }
}
