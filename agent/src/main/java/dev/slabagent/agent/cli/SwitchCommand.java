package dev.slabagent.agent.cli;

import dev.slabagent.runtime.debug.DebugMode;
import dev.slabagent.runtime.management.CacheMXBean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code enable PID NAME}, {@code disable PID NAME} and {@code debug PID NAME MODE}: switch one cache of a JVM with the
 * agent on or off, or its slab debugging.
 */
abstract class SwitchCommand extends TargetCommand {

    @Parameters(index = "1", paramLabel = "NAME", description = "The cache's name, as slabinfo shows it.")
    String name;

    /** Calls the cache MBean's operation; returns its status line. */
    abstract String operate(CacheMXBean cache);

    @Override
    String run(TargetJvm jvm) {
        CacheMXBean cache = jvm.cache(name);
        return jvm.call(() -> operate(cache)) + System.lineSeparator();
    }

    /** {@code enable PID NAME}. */
    @Command(name = "enable",
            description = "Switch cache NAME of the JVM PID on again: its sites are relinked to the cache (no class is "
                    + "retransformed; code already running follows).")
    static final class Enable extends SwitchCommand {
        @Override
        String operate(CacheMXBean cache) {
            return cache.enable();
        }
    }

    /** {@code debug PID NAME MODE}. */
    @Command(name = "debug",
            description = "Set slab debugging of cache NAME of the JVM PID: on (report double frees, uses after free "
                    + "and leaks), fail (also throw at the faulty call) or off; its classes are retransformed with or "
                    + "without the use-after-free checks.")
    static final class Debug extends SwitchCommand {

        @Parameters(index = "2", paramLabel = "MODE", description = "off, on or fail.")
        String mode;

        @Override
        String run(TargetJvm jvm) {
            try {
                DebugMode.parse(mode);
            } catch (IllegalArgumentException e) {
                throw new CliException("MODE " + e.getMessage());
            }
            return super.run(jvm);
        }

        @Override
        String operate(CacheMXBean cache) {
            return cache.debug(mode);
        }
    }

    /** {@code disable PID NAME}. */
    @Command(name = "disable",
            description = "Switch cache NAME of the JVM PID off: its sites are relinked to plain new and its release "
                    + "point frees nothing (no class is retransformed; code already running follows); its free objects "
                    + "are dropped.")
    static final class Disable extends SwitchCommand {
        @Override
        String operate(CacheMXBean cache) {
            return cache.disable();
        }
    }
}
