package dev.slabagent.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.slabagent.jbd.Handle;
import dev.slabagent.jbd.Journal;
import dev.slabagent.jbd.JournalOptions;
import dev.slabagent.jbd.device.FileBlocks;
import dev.slabagent.runtime.SlabCache;
import dev.slabagent.runtime.SlabRegistry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * jbd's handle cache under the agent when the program stops a handle twice: {@code Transactions.stop} throws on
 * {@code ref <= 0}, and the guard {@code ref==0} holds then, so a release on that exceptional exit would put the
 * same handle into the cache a second time (and hand it to two threads).
 */
class DoubleStopTest {

    private static final int BLOCK_SIZE = 1024;

    @TempDir
    Path dir;

    @AfterEach
    void uninstall() {
        TestAgent.installer().uninstall();
    }

    /**
     * With {@code onthrow=keep} the throwing stop does not even try to free the handle; with {@code onthrow=free} it
     * does, and the always-on double-free guard refuses it (the handle is the last one freed). Either way the handle
     * is in the cache once.
     */
    @ParameterizedTest(name = "{0}, onthrow={1}")
    @CsvSource({"locked, keep, 0", "locked, free, 1", "magazine, keep, 0", "magazine, free, 1"})
    void aSecondStopThatThrowsDoesNotPutTheHandleIntoTheCacheTwice(String strategy, String onThrow, long refused)
            throws Exception {
        install(strategy, "slab.journal_handle.onthrow=" + onThrow);
        try (Session s = new Session(dir)) {
            Handle h = s.journal.transactions().start(1);
            s.journal.transactions().stop(h);
            assertThrows(IllegalStateException.class, () -> s.journal.transactions().stop(h));
            assertEquals(1, cache().stats().frees(), "freed once, at the stop that returned");
            assertEquals(refused, cache().refusedFrees());
            assertSame(h, cache().allocate());
            assertNotSame(h, cache().allocate(), "the handle was in the cache once");
        }
    }

    private static void install(String strategy, String extra) {
        Installation installed = TestAgent.install("""
                slab.journal_handle.class=dev.slabagent.jbd.Handle
                slab.journal_handle.release=dev.slabagent.jbd.Transactions#stop:0
                slab.journal_handle.when=ref==0
                slab.journal_handle.strategy=%s
                sites=dev.slabagent.jbd
                %s
                """.formatted(strategy, extra));
        assertEquals(List.of(), installed.problems());
        assertEquals(List.of("journal_handle"), installed.activated());
    }

    private static SlabCache cache() {
        return SlabRegistry.get("journal_handle");
    }

    /** A small journal on files in {@code dir}. */
    private static final class Session implements AutoCloseable {
        final Journal journal;

        Session(Path dir) throws Exception {
            FileBlocks log = FileBlocks.create(dir.resolve("journal"), BLOCK_SIZE, 64);
            Journal.format(log, new byte[16]);
            FileBlocks device = FileBlocks.create(dir.resolve("device"), BLOCK_SIZE, 16);
            journal = Journal.open(log, device, JournalOptions.defaults().withCommitInterval(0));
        }

        @Override
        public void close() throws Exception {
            journal.close();
        }
    }
}
