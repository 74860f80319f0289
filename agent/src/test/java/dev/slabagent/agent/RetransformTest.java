package dev.slabagent.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import fixture.attach.Item;
import fixture.attach.Shop;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Classes loaded before the agent is installed (the attach case) are retransformed, and restored on uninstall. */
class RetransformTest {

    private static final String ITEM = "fixture/attach/Item";

    @Test
    void loadedClassesAreRewrittenAndRestored() throws Exception {
        Item before = Shop.make(1);
        Shop.done(before);
        assertNotSame(before, Shop.make(2), "no agent yet");
        byte[] original = TestAgent.currentClassFile(Shop.class);
        assertEquals(List.of("make(I)Lfixture/attach/Item;"), TestAgent.methodsWithNew(original, ITEM));

        Installation installed = TestAgent.install("""
                slab.item.class=fixture.attach.Item
                slab.item.release=fixture.attach.Shop#done:0
                sites=fixture.attach
                """);
        assertEquals(List.of("item"), installed.activated(), installed.problems().toString());
        byte[] rewritten = TestAgent.currentClassFile(Shop.class);
        assertEquals(List.of(), TestAgent.methodsWithNew(rewritten, ITEM));
        assertEquals(1, TestAgent.slabSites(rewritten));
        Item first = Shop.make(3);
        Shop.done(first);
        Item again = Shop.make(4);
        assertSame(first, again, "the retransformed site and release point recycle");
        assertEquals(4, again.value);

        TestAgent.installer().uninstall();
        assertEquals(List.of("make(I)Lfixture/attach/Item;"),
                TestAgent.methodsWithNew(TestAgent.currentClassFile(Shop.class), ITEM));
        Shop.done(again);
        assertNotSame(again, Shop.make(5), "after uninstall nothing is recycled");
    }
}
