package dev.slabagent.agent.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A command on the JVM with process id PID (its first parameter), which must run the agent unless it says otherwise. */
abstract class TargetCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PID", description = "Process id of the JVM.")
    String pid;

    @Spec
    CommandSpec spec;

    /** Does the command on a JVM with the agent; returns what to print on stdout. */
    abstract String run(TargetJvm jvm);

    /** Attaches to the JVM; by default it must run the agent. */
    TargetJvm target() {
        return TargetJvm.connect(pid);
    }

    @Override
    public Integer call() {
        try (TargetJvm jvm = target()) {
            print(run(jvm));
        }
        return 0;
    }

    /** Prints {@code text} on the command's stdout. */
    final void print(String text) {
        PrintWriter out = spec.commandLine().getOut();
        out.print(text);
        out.flush();
    }
}
