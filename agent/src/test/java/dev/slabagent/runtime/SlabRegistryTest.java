package dev.slabagent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SlabRegistryTest {

    private final List<String> events = new ArrayList<>();
    private final SlabRegistry.Listener recorder = new SlabRegistry.Listener() {
        @Override
        public void registered(SlabCache cache) {
            events.add("+" + cache.name() + "/" + cache.strategy().configName());
        }

        @Override
        public void removed(SlabCache cache) {
            events.add("-" + cache.name() + "/" + cache.strategy().configName());
        }
    };

    @AfterEach
    void cleanUp() {
        SlabRegistry.removeListener(recorder);
        SlabRegistry.remove("reg_a");
        SlabRegistry.remove("reg_b");
    }

    @Test
    void registersLooksUpReplacesAndRemovesByName() {
        SlabCache a = SlabCache.create("reg_a", Strategy.LOCKED, 8);
        SlabCache b = SlabCache.create("reg_b", Strategy.NEW, 8);
        SlabRegistry.register(b);
        SlabRegistry.addListener(recorder);
        SlabRegistry.register(a);
        assertSame(a, SlabRegistry.get("reg_a"));
        SlabCache a2 = SlabCache.create("reg_a", Strategy.MAGAZINE, 8);
        SlabRegistry.register(a2);
        assertSame(a2, SlabRegistry.get("reg_a"));
        List<String> names = SlabRegistry.all().stream().map(SlabCache::name).filter(n -> n.startsWith("reg_")).toList();
        assertEquals(List.of("reg_a", "reg_b"), names);
        assertSame(b, SlabRegistry.remove("reg_b"));
        assertNull(SlabRegistry.get("reg_b"));
        assertNull(SlabRegistry.remove("reg_b"));
        assertEquals(List.of("+reg_b/new", "+reg_a/locked", "-reg_a/locked", "+reg_a/magazine", "-reg_b/new"), events);
    }

    @Test
    void aFailingListenerDoesNotStopRegistration() {
        SlabRegistry.Listener failing = new SlabRegistry.Listener() {
            @Override
            public void registered(SlabCache cache) {
                throw new IllegalStateException("boom");
            }

            @Override
            public void removed(SlabCache cache) {
                throw new IllegalStateException("boom");
            }
        };
        SlabRegistry.addListener(failing);
        try {
            SlabCache a = SlabCache.create("reg_a", Strategy.LOCKED, 8);
            SlabRegistry.register(a);
            assertSame(a, SlabRegistry.get("reg_a"));
            assertSame(a, SlabRegistry.remove("reg_a"));
        } finally {
            SlabRegistry.removeListener(failing);
        }
    }
}
