package dev.slabagent.agent.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code detach PID}: switches every cache of a JVM with the agent off, restoring the original bytecode. */
@Command(name = "detach",
        description = "Switch every slab cache of the JVM PID off: the original bytecode of every rewritten class is "
                + "restored, objects still out are left to the GC. A later attach works again.")
final class DetachCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PID", description = "Process id of the JVM.")
    String pid;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (TargetJvm jvm = TargetJvm.connect(pid)) {
            String line = jvm.call(() -> jvm.agent().detach());
            PrintWriter out = spec.commandLine().getOut();
            out.println(line);
            out.flush();
        }
        return 0;
    }
}
