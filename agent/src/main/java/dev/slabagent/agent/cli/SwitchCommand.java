package dev.slabagent.agent.cli;

import dev.slabagent.runtime.management.CacheMXBean;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code enable PID NAME} and {@code disable PID NAME}: switch one cache of a JVM with the agent on or off. */
abstract class SwitchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PID", description = "Process id of the JVM.")
    String pid;

    @Parameters(index = "1", paramLabel = "NAME", description = "The cache's name, as slabinfo shows it.")
    String name;

    @Spec
    CommandSpec spec;

    /** Calls the cache MBean's operation; returns its status line. */
    abstract String operate(CacheMXBean cache);

    @Override
    public Integer call() {
        try (TargetJvm jvm = TargetJvm.connect(pid)) {
            CacheMXBean cache = jvm.cache(name);
            String line = jvm.call(() -> operate(cache));
            PrintWriter out = spec.commandLine().getOut();
            out.println(line);
            out.flush();
        }
        return 0;
    }

    /** {@code enable PID NAME}. */
    @Command(name = "enable",
            description = "Switch cache NAME of the JVM PID on again: the classes with its sites and release point are "
                    + "retransformed.")
    static final class Enable extends SwitchCommand {
        @Override
        String operate(CacheMXBean cache) {
            return cache.enable();
        }
    }

    /** {@code disable PID NAME}. */
    @Command(name = "disable",
            description = "Switch cache NAME of the JVM PID off: the classes it rewrote get their original bytecode "
                    + "back, its free objects are dropped.")
    static final class Disable extends SwitchCommand {
        @Override
        String operate(CacheMXBean cache) {
            return cache.disable();
        }
    }
}
