package dev.slabagent.agent.attach;

import dev.slabagent.agent.ClassFileCapture;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A test agent loaded into a child JVM (with {@code VirtualMachine.loadAgent}) to read back the class files its
 * classes run now: {@code PREFIX=DIR} writes {@code DIR/CLASS.class} for each loaded class whose name starts with
 * PREFIX. Each load is a new agent, created after the slab-agent, so its capture sees the slab-agent's output.
 */
public final class ClassFilesAgent {

    private ClassFilesAgent() {
    }

    /** @param args {@code PREFIX=DIR} */
    public static void agentmain(String args, Instrumentation inst) throws IOException, UnmodifiableClassException {
        String prefix = args.substring(0, args.indexOf('='));
        Path dir = Files.createDirectories(Path.of(args.substring(args.indexOf('=') + 1)));
        for (Class<?> type : inst.getAllLoadedClasses()) {
            if (type.getName().startsWith(prefix) && inst.isModifiableClass(type) && !type.isHidden()) {
                Files.write(dir.resolve(type.getName() + ".class"), ClassFileCapture.current(inst, type));
            }
        }
    }
}
