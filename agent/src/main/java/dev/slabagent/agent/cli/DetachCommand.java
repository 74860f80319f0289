package dev.slabagent.agent.cli;

import picocli.CommandLine.Command;

/** {@code detach PID}: switches every cache of a JVM with the agent off, restoring the original bytecode. */
@Command(name = "detach",
        description = "Switch every slab cache of the JVM PID off: the original bytecode of every rewritten class is "
                + "restored, objects still out are left to the GC. A later attach works again.")
final class DetachCommand extends TargetCommand {

    @Override
    String run(TargetJvm jvm) {
        return jvm.call(() -> jvm.agent().detach()) + System.lineSeparator();
    }
}
