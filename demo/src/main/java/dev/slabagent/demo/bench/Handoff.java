package dev.slabagent.demo.bench;

import java.util.concurrent.atomic.AtomicReferenceArray;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Control;

/**
 * A bounded single-producer single-consumer ring that hands objects from one thread of a JMH group to the
 * other, so an object allocated on one thread is released on another.
 *
 * <p>A slot is empty when it holds {@code null}; each side owns its own index. Both waits yield the CPU
 * until the other side moves (on a machine with as many busy threads as cores, spinning would only burn the
 * other side's time slice) or JMH ends the measurement, so neither thread can hang the iteration.
 */
@State(Scope.Group)
public class Handoff {
    private static final int SLOTS = 1024;
    private static final int MASK = SLOTS - 1;

    private final AtomicReferenceArray<Object> slots = new AtomicReferenceArray<>(SLOTS);
    private long produced;
    private long consumed;

    /**
     * Puts {@code item} in the ring, waiting while it is full.
     *
     * @param item the object to hand over (not null)
     * @param control JMH's control, to stop waiting when the measurement ends
     */
    public void pass(Object item, Control control) {
        int slot = (int) (produced & MASK);
        while (slots.getAcquire(slot) != null) {
            if (control.stopMeasurement) {
                return;
            }
            Thread.yield();
        }
        slots.setRelease(slot, item);
        produced++;
    }

    /**
     * Takes the oldest object, waiting while the ring is empty.
     *
     * @param control JMH's control, to stop waiting when the measurement ends
     * @return the object, or null if the measurement ended first
     */
    public Object take(Control control) {
        int slot = (int) (consumed & MASK);
        Object item;
        while ((item = slots.getAcquire(slot)) == null) {
            if (control.stopMeasurement) {
                return null;
            }
            Thread.yield();
        }
        slots.setRelease(slot, null);
        consumed++;
        return item;
    }
}
