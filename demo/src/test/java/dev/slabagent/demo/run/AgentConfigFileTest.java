package dev.slabagent.demo.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigFileTest {

    @Test
    void overridesReplaceAndAddKeysAndKeepTheRest(@TempDir Path dir) throws IOException {
        Path base = Files.writeString(dir.resolve("base.properties"),
                "# comment\nslab.a.class=x.A\nslab.a.strategy=magazine\nreport=exit\n");
        Path derived = AgentConfigFile.derive(base,
                Map.of("slab.a.strategy", "locked", "slab.a.preserve", "callbacks"), dir.resolve("sub/d.properties"));
        Properties read = new Properties();
        try (Reader in = Files.newBufferedReader(derived)) {
            read.load(in);
        }
        assertEquals(Map.of("slab.a.class", "x.A", "slab.a.strategy", "locked", "slab.a.preserve", "callbacks",
                "report", "exit"), Map.copyOf(read));
    }
}
