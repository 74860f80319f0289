package dev.slabagent.runtime.alloc;

import dev.slabagent.runtime.Carriers;
import java.lang.instrument.Instrumentation;
import org.slf4j.LoggerFactory;

/**
 * What the rewritten code of this JVM links against: the caches' sites ({@link SlabSites}) and release points
 * ({@link Release}), and the agent's {@link Instrumentation}. The agent's installer makes one and {@linkplain #publish
 * publishes} it; the bootstraps of rewritten code, which the JVM calls statically, link against the published one.
 * Until one is published nothing is bound: sites construct with plain {@code new} and release points free nothing.
 */
public final class Linkage {

    private static volatile Linkage published = new Linkage(null);

    private final Instrumentation instrumentation;
    private final SlabSites sites = new SlabSites();
    private final Release releases = new Release();

    /** An empty linkage; {@code instrumentation} measures objects and opens JDK packages (may be null). */
    public Linkage(Instrumentation instrumentation) {
        this.instrumentation = instrumentation;
    }

    /** Makes {@code linkage} what bootstraps link against from now on (call sites linked before keep theirs). */
    public static void publish(Linkage linkage) {
        published = linkage;
    }

    /** The linkage bootstraps link against. */
    public static Linkage published() {
        return published;
    }

    /** The rewritten sites of every cache. */
    public SlabSites sites() {
        return sites;
    }

    /** The release points of every cache. */
    public Release releases() {
        return releases;
    }

    /**
     * Links virtual threads to their carriers' stripes in the caches' CPU layer ({@link Carriers#use}), through the
     * JDK's {@code Thread.currentCarrierThread()}, opened to the agent alone ({@link JdkAccess}); call it on the
     * published linkage; once linked, again does nothing. Without an Instrumentation, before JDK 21 or if the JDK
     * refuses, threads stay their own (which is safe too: only slower for virtual threads); {@link Carriers#linked()}
     * tells which.
     */
    public void linkCarriers() {
        if (instrumentation == null || Carriers.linked()) {
            return;
        }
        try {
            Carriers.use(JdkAccess.currentCarrierThread());
        } catch (NoSuchMethodException e) {
            // before JDK 21: no carriers
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LoggerFactory.getLogger(Linkage.class).debug("slab-agent: virtual threads keep stripes of their own ({})",
                    e.toString());
        }
    }

    Instrumentation instrumentation() {
        return instrumentation;
    }
}
