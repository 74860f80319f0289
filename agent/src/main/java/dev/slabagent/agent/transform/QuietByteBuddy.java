package dev.slabagent.agent.transform;

import net.bytebuddy.dynamic.Nexus;
import net.bytebuddy.dynamic.loading.ClassInjector;

/**
 * Settings of the agent's own ByteBuddy, made before any of its injecting classes initialise. The agent only
 * rewrites class files in place ({@code disableClassFormatChanges}) and defines nothing through ByteBuddy, so it
 * needs neither ByteBuddy's {@code Nexus} (which {@code AgentBuilder.Default}'s constructor would otherwise inject
 * into the system class loader) nor its {@code sun.misc.Unsafe} class injector (whose set-up prints JDK 24+'s
 * terminal-deprecation warnings on the host's stderr). Both are switched off by ByteBuddy's own system properties;
 * the shaded jar relocates their names with ByteBuddy's package, so they never reach a host's own ByteBuddy.
 */
final class QuietByteBuddy {

    private QuietByteBuddy() {
    }

    /** Switches off the nexus and the {@code Unsafe} injector of the agent's ByteBuddy (idempotent). */
    static void configure() {
        System.setProperty(Nexus.PROPERTY, "true");
        System.setProperty(ClassInjector.UsingUnsafe.SAFE_PROPERTY, "true");
    }
}
