package dev.slabagent.agent.cli;

import picocli.CommandLine.Command;

/** {@code slabinfo PID}: prints the slabinfo table of a running JVM with the agent. */
@Command(name = "slabinfo",
        description = "Print the slabinfo table (# name active_objs num_objs objsize allocs frees hits misses) "
                + "of the JVM with process id PID, which must run the slab-agent.")
final class SlabinfoCommand extends TargetCommand {

    @Override
    String run(TargetJvm jvm) {
        return jvm.slabinfo();
    }
}
