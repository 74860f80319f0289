package dev.slabagent.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slabagent.runtime.SlabCache;
import dev.slabagent.runtime.SlabInfo;
import dev.slabagent.runtime.SlabRegistry;
import dev.slabagent.runtime.debug.DebugCounts;
import dev.slabagent.runtime.debug.DebugMode;
import dev.slabagent.runtime.debug.DebugSites;
import fixture.debug.Item;
import fixture.debug.Items;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Issue 7: slab debugging catches each deliberate bug of {@code fixture.debug.Items} (a second release, a read,
 * an int write, a long write and a call after release, a leak) with the right kind, count and stacks, reports
 * nothing for a correct use, poisons released objects, and adds its checks to the bytecode only while it is on.
 */
class SlabDebugTest {

    private static final String CHECKS_BOOTSTRAP = Type.getInternalName(DebugSites.class);

    private static String config(String debug, String extra) {
        return """
                slab.item.class=fixture.debug.Item
                slab.item.release=fixture.debug.Items#give:0
                slab.item.capacity=16
                sites=fixture.debug
                debug=%s
                %s
                """.formatted(debug, extra);
    }

    @AfterEach
    void uninstall() {
        TestAgent.installer().uninstall();
    }

    @Test
    void doubleFreeIsReportedOnceWithBothReleaseStacksAndNotFreedTwice() {
        install("on", "");
        String log = capture(Items::doubleRelease);
        assertEquals(new DebugCounts(1, 0, 0), counts());
        assertEquals(1, occurrences(log, "double free of fixture.debug.Item@"), log);
        assertStackHas(log, "second release", "fixture.debug.Items.doubleRelease");
        assertStackHas(log, "first release", "fixture.debug.Items.doubleRelease");
        assertEquals(1, cache().stats().frees(), "the second release is not a free");
        Item a = Items.take("a");
        Item b = Items.take("b");
        assertTrue(a != b, "the item was not put into the cache twice");
    }

    @Test
    void readAfterReleaseIsReportedWithTheAccessAndReleaseStacks() {
        install("on", "");
        int[] read = new int[1];
        String log = capture(() -> read[0] = Items.readAfterRelease());
        assertEquals(new DebugCounts(0, 1, 0), counts());
        assertTrue(log.contains("use after free: read of fixture.debug.Item.count on fixture.debug.Item@"), log);
        assertStackHas(log, "access", "fixture.debug.Items.readAfterRelease");
        assertStackHas(log, "released", "fixture.debug.Items.readAfterRelease");
        assertEquals(0x6b6b6b6b, read[0], "the stale reader sees the poison");
    }

    @Test
    void writesAfterReleaseAreReportedForOneAndTwoSlotValues() {
        install("on", "");
        String log = capture(() -> {
            Items.writeAfterRelease();
            Items.writeLongAfterRelease();
        });
        assertEquals(new DebugCounts(0, 2, 0), counts());
        assertTrue(log.contains("use after free: write of fixture.debug.Item.count"), log);
        assertTrue(log.contains("use after free: write of fixture.debug.Item.stamp"), log);
        assertStackHas(log, "access", "fixture.debug.Items.writeAfterRelease");
        assertStackHas(log.substring(log.indexOf("write of fixture.debug.Item.stamp")), "access",
                "fixture.debug.Items.writeLongAfterRelease");
    }

    @Test
    void callAfterReleaseIsReportedOnceAtTheMethodsEntry() {
        install("on", "");
        String log = capture(Items::callAfterRelease);
        assertEquals(new DebugCounts(0, 1, 0), counts());
        assertTrue(log.contains("use after free: call of fixture.debug.Item.touch on fixture.debug.Item@"), log);
        assertStackHas(log, "access", "fixture.debug.Items.callAfterRelease");
    }

    @Test
    void leakIsCountedWhenTheGcCollectsItWithItsAllocationStack() throws Exception {
        install("on", "");
        String log;
        try (StderrCapture err = new StderrCapture()) {
            Items.leak();
            awaitLeaks(1);
            log = err.text();
        }
        assertEquals(new DebugCounts(0, 0, 1), counts());
        assertTrue(log.contains("leak: a fixture.debug.Item was handed out and collected by the GC without being released"), log);
        assertStackHas(log, "allocated", "fixture.debug.Items.leak");
        String report = cache().debug().report();
        assertTrue(report.contains("1 leaked, 0 in flight"), report);
        assertTrue(report.contains("leaked fixture.debug.Item, allocated:\n\tat fixture.debug.Items.take"), report);
    }

    @Test
    void everyBugIsCaughtEveryTimeAmongCorrectUses() throws Exception {
        install("on", "");
        int rounds = 25;
        String log;
        try (StderrCapture err = new StderrCapture()) {
            for (int i = 0; i < rounds; i++) {
                Items.correctUse(10);
                Items.doubleRelease();
                Items.readAfterRelease();
                Items.writeAfterRelease();
                Items.writeLongAfterRelease();
                Items.callAfterRelease();
                Items.leak();
            }
            awaitLeaks(rounds);
            log = err.text();
        }
        assertEquals(new DebugCounts(rounds, 4L * rounds, rounds), counts());
        assertEquals(rounds, occurrences(log, "double free of fixture.debug.Item@"), log);
        assertEquals(rounds, occurrences(log, "use after free: read of fixture.debug.Item.count"), log);
        assertEquals(rounds, occurrences(log, "use after free: write of fixture.debug.Item.count"), log);
        assertEquals(rounds, occurrences(log, "use after free: write of fixture.debug.Item.stamp"), log);
        assertEquals(rounds, occurrences(log, "use after free: call of fixture.debug.Item.touch"), log);
        assertEquals(rounds, occurrences(log, "leak: a fixture.debug.Item was handed out"), log);
        assertEquals(6 * rounds, occurrences(log, " WARN "), "one report per bug, nothing for the correct uses");
    }

    @Test
    void objectsStillOutAreInFlightNotLeaks() throws Exception {
        install("on", "");
        Item held = Items.take("held");
        System.gc();
        Thread.sleep(100);
        assertEquals(new DebugCounts(0, 0, 0), counts());
        assertEquals(1, cache().debug().inFlight());
        assertTrue(cache().debug().report().contains("0 leaked, 1 in flight"), cache().debug().report());
        Items.give(held);
        assertEquals(0, cache().debug().inFlight());
    }

    @Test
    void aCorrectProgramReportsNothing() throws Exception {
        install("on", "");
        String log = capture(() -> Items.correctUse(5000));
        System.gc();
        Thread.sleep(100);
        assertEquals(new DebugCounts(0, 0, 0), counts());
        assertEquals("", log);
        assertTrue(cache().stats().hits() > 4000, cache().stats().toString());
        assertTrue(SlabInfo.format(List.of(cache().stats())).startsWith(SlabInfo.HEADER
                + " double_frees use_after_free leaked\nitem 0 1 "), SlabInfo.format(List.of(cache().stats())));
    }

    @Test
    void failModeThrowsAtTheFaultyCall() throws Exception {
        install("fail", "slab.item.strategy=locked");
        capture(() -> {
            assertFails(Items::doubleRelease, "double free of fixture.debug.Item@");
            assertFails(Items::readAfterRelease, "use after free: read of fixture.debug.Item.count");
            assertFails(Items::writeAfterRelease, "use after free: write of fixture.debug.Item.count");
            assertFails(Items::callAfterRelease, "use after free: call of fixture.debug.Item.touch");
        });
        assertEquals(new DebugCounts(1, 3, 0), counts());
        Items.leak();
        awaitLeaks(1);
    }

    @Test
    void releasedObjectIsPoisonedExceptPreservedFields() {
        install("on", "slab.item.preserve=tags");
        Item item = Items.take("poisoned");
        Items.give(item);
        assertEquals(0x6b6b6b6b, item.count);
        assertEquals(0x6b6b6b6b6b6b6b6bL, item.stamp);
        assertNull(item.name);
        assertNotNull(item.tags, "a preserved field is kept for reuse");
        Item reused = Items.take("again");
        assertTrue(reused == item, "the poisoned item is reused");
        assertEquals(0, reused.count);
        assertEquals("again", reused.name);
        assertEquals(List.of(), reused.tags);
    }

    @Test
    void checksAreInTheBytecodeOnlyWhileDebugIsOn() throws Exception {
        install("off", "");
        assertEquals(0, checks(Items.class));
        assertEquals(0, checks(Item.class));
        capture(Items::readAfterRelease);
        assertNull(cache().debug(), "never debugged");

        assertTrue(TestAgent.installer().debug("item", DebugMode.ON) > 0);
        assertEquals(8, checks(Items.class), "every read and write of an Item field in Items");
        assertEquals(1, checks(Item.class), "touch() checks this on entry; the constructor does not");
        capture(Items::readAfterRelease);
        assertEquals(new DebugCounts(0, 1, 0), counts());

        assertTrue(TestAgent.installer().debug("item", DebugMode.OFF) > 0);
        assertEquals(0, checks(Items.class));
        assertEquals(0, checks(Item.class));
        capture(Items::readAfterRelease);
        assertEquals(new DebugCounts(0, 1, 0), counts(), "off: nothing checked, the counts are kept");
        assertTrue(SlabInfo.format(List.of(cache().stats())).contains(" double_frees use_after_free leaked\n"));
    }

    private static void install(String debug, String extra) {
        Installation installed = TestAgent.install(config(debug, extra));
        assertEquals(List.of(), installed.problems());
        assertEquals(List.of("item"), installed.activated());
    }

    private static SlabCache cache() {
        return SlabRegistry.get("item");
    }

    private static DebugCounts counts() {
        return cache().stats().debug();
    }

    private static String capture(Runnable bug) {
        try (StderrCapture err = new StderrCapture()) {
            bug.run();
            return err.text();
        }
    }

    private static void assertFails(Runnable bug, String message) {
        IllegalStateException e = assertThrows(IllegalStateException.class, bug::run);
        assertTrue(e.getMessage().startsWith("slab-agent: item: " + message), e.getMessage());
    }

    private static void awaitLeaks(long n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (counts().leaked() < n && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(n, counts().leaked(), "leaks seen after GC");
    }

    /** Asserts that the stack titled {@code title} in a report starts, below the agent, in {@code frame}. */
    private static void assertStackHas(String log, String title, String frame) {
        Matcher m = Pattern.compile("\n  " + title + ":((?:\n\tat [^\n]+)+)").matcher(log);
        assertTrue(m.find(), () -> "no '" + title + "' stack in: " + log);
        assertTrue(m.group(1).contains("\tat " + frame + "("), () -> title + " stack lacks " + frame + ": " + m.group(1));
    }

    private static int occurrences(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private static long checks(Class<?> type) throws Exception {
        ClassNode node = new ClassNode();
        new ClassReader(TestAgent.currentClassFile(type)).accept(node, 0);
        long n = 0;
        for (MethodNode m : node.methods) {
            for (AbstractInsnNode insn : m.instructions) {
                if (insn instanceof InvokeDynamicInsnNode indy && indy.bsm.getOwner().equals(CHECKS_BOOTSTRAP)) {
                    n++;
                }
            }
        }
        return n;
    }
}
