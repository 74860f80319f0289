package dev.slabagent.demo.run;

import dev.slabagent.demo.ProjectLayout;
import dev.slabagent.demo.probe.MeasuredWorkload;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs jbd-target workloads in child JVMs, with or without the agent. Measured runs go through the
 * {@link MeasuredWorkload} probe, which adds allocation and GC figures to jbd-target's own result line.
 */
public final class WorkloadRunner {

    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final ChildJvm jvm;
    private final ProjectLayout layout;

    /** A runner starting {@code jvm}'s java binary on the jars of {@code layout}. */
    public WorkloadRunner(ChildJvm jvm, ProjectLayout layout) {
        this.jvm = jvm;
        this.layout = layout;
    }

    /**
     * Runs {@code workload} through the probe, writing under {@code dir}, after a warm-up run of a quarter of its
     * writes under {@code dir + ".warmup"}, with {@code jvmOptions} and with the agent and {@code agentConfig} if
     * present; fails if the child fails.
     */
    public ChildResult measured(Workload workload, Path dir, Optional<Path> agentConfig, List<String> jvmOptions) {
        List<String> args = agentArgument(agentConfig);
        args.addAll(jvmOptions);
        args.add("-cp");
        args.add(layout.jbdJar() + File.pathSeparator + ProjectLayout.demoClasses());
        args.add(MeasuredWorkload.class.getName());
        Path warmupDir = dir.resolveSibling(dir.getFileName() + ".warmup");
        args.addAll(workload.warmup().arguments(created(warmupDir)));
        args.add(MeasuredWorkload.THEN);
        return run(args, workload, dir);
    }

    /**
     * Runs {@code workload} as {@code java -jar jbd-target.jar workload ...} (no probe), writing under
     * {@code dir}, with the agent and {@code agentConfig} if present; fails if the child fails.
     */
    public ChildResult plain(Workload workload, Path dir, Optional<Path> agentConfig) {
        List<String> args = agentArgument(agentConfig);
        args.add("-jar");
        args.add(layout.jbdJar().toString());
        return run(args, workload, dir);
    }

    /** Runs java with {@code args} then the workload's arguments, in {@code dir}'s parent folder. */
    private ChildResult run(List<String> args, Workload workload, Path dir) {
        Path folder = created(dir);
        List<String> all = new ArrayList<>(args);
        all.addAll(workload.arguments(folder));
        return jvm.run(all, folder.getParent(), TIMEOUT).requireSuccess();
    }

    private static Path created(Path dir) {
        Path folder = dir.toAbsolutePath();
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder, e);
        }
    }

    private List<String> agentArgument(Optional<Path> agentConfig) {
        List<String> args = new ArrayList<>();
        agentConfig.ifPresent(config -> args.add("-javaagent:" + layout.agentJar() + "=" + config.toAbsolutePath()));
        return args;
    }
}
