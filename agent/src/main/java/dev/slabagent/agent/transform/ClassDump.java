package dev.slabagent.agent.transform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.bytebuddy.dynamic.scaffold.TypeWriter;
import org.slf4j.LoggerFactory;

/**
 * Writes each class the agent rewrote, and the class file it rewrote, into the folder named by ByteBuddy's dump
 * property ({@code -Ddev.slabagent.shaded.bytebuddy.dump=DIR} with the shipped jar, where the name is relocated), as
 * ByteBuddy's type writer did when it wrote our classes: {@code NAME.SUFFIX.class} and
 * {@code NAME-original.SUFFIX.class}. Off unless the property is set; a file that cannot be written is one log line.
 */
final class ClassDump {

    /** The folder, or {@code null}: read once, with the first class rewritten. */
    private static final String FOLDER = System.getProperty(TypeWriter.DUMP_PROPERTY);

    private ClassDump() {
    }

    /** Dumps {@code rewritten}, class {@code name} (internal name) rewritten from {@code original}, if asked to. */
    static void write(String name, byte[] original, byte[] rewritten) {
        if (FOLDER == null) {
            return;
        }
        String prefix = name.replace('/', '.');
        long suffix = System.currentTimeMillis();
        try {
            Path folder = Path.of(FOLDER);
            Files.write(folder.resolve(prefix + "-original." + suffix + ".class"), original);
            Files.write(folder.resolve(prefix + "." + suffix + ".class"), rewritten);
        } catch (IOException | RuntimeException e) {
            LoggerFactory.getLogger(ClassDump.class).warn("slab-agent: cannot dump {} into {} ({})", prefix, FOLDER,
                    e.toString());
        }
    }
}
