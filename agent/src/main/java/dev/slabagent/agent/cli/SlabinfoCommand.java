package dev.slabagent.agent.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code slabinfo PID}: prints the slabinfo table of a running JVM with the agent. */
@Command(name = "slabinfo",
        description = "Print the slabinfo table (# name active_objs num_objs objsize allocs frees hits misses) "
                + "of the JVM with process id PID, which must run the slab-agent.")
final class SlabinfoCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PID", description = "Process id of the JVM.")
    String pid;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (TargetJvm jvm = TargetJvm.connect(pid)) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(jvm.slabinfo());
            out.flush();
        }
        return 0;
    }
}
