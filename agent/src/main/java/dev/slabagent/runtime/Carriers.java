package dev.slabagent.runtime;

import static java.lang.invoke.MethodType.methodType;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MutableCallSite;

/**
 * The thread whose stripe the calling thread uses in a cache's CPU layer ({@link MagazineCache}, {@link NewCache}): a
 * platform thread is its own; a virtual thread is its carrier's once the agent has {@linkplain #use linked the
 * carrier} (JDK 21 and later), so virtual threads share the leased stripes of the few carriers they run on instead
 * of leasing one each, which with thousands alive at once sent most of them to the claimed stripes (a compare-and-set
 * per operation). Until then, and on JDK 17, every thread is its own.
 *
 * <p>Safe because nothing a thread does on a stripe blocks, parks or yields (leases and claims are only tried, the
 * depot's lock only spun a bounded number of times): a virtual thread is never unmounted between taking its carrier's
 * stripe and leaving it, so two virtual threads on one carrier never use the stripe at once; should one ever be
 * unmounted inside an operation (a later JDK, another agent's {@code synchronized} on the path), the stripe's in-use
 * mark ({@code MagazineStripe.enter}) sends the next virtual thread on that carrier to the claimed stripes. A virtual
 * thread that leased a stripe in its own name before the link keeps it (with its objects and credits) until it ends;
 * the next thread that maps to that stripe then takes it over, as from any ended holder.
 */
public final class Carriers {

    /** The JDK's class of virtual threads ({@code java.lang.VirtualThread}), or {@code null} before JDK 21. */
    private static final Class<?> VIRTUAL = virtualThreadClass();
    private static final MethodHandle CURRENT_THREAD;
    /** A virtual thread's stripe holder: {@code Thread.currentThread} until {@link #use} links the carrier. */
    private static final MutableCallSite OF_VIRTUAL;

    static {
        try {
            CURRENT_THREAD = MethodHandles.publicLookup().findStatic(Thread.class, "currentThread",
                    methodType(Thread.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
        OF_VIRTUAL = new MutableCallSite(CURRENT_THREAD);
    }

    private static final MethodHandle OF_VIRTUAL_INVOKER = OF_VIRTUAL.dynamicInvoker();

    private Carriers() {
    }

    /**
     * The calling thread, or its carrier if it is a virtual thread and the carrier is linked. A platform thread pays
     * one class comparison for it; only a virtual thread goes through the linked handle.
     */
    static Thread current() {
        Thread t = Thread.currentThread();
        return isVirtual(t) ? carrierOf(t) : t;
    }

    /** Whether {@code t} is a virtual thread (never, before JDK 21): one class comparison. */
    static boolean isVirtual(Thread t) {
        return t.getClass() == VIRTUAL;
    }

    /**
     * The carrier of {@code current}, the calling virtual thread, once linked; until then {@code current} itself.
     * Never throws: should reading the carrier ever fail (a stack overflow in it), the thread is its own, which is
     * always safe.
     */
    static Thread carrierOf(Thread current) {
        try {
            return (Thread) OF_VIRTUAL_INVOKER.invokeExact();
        } catch (Throwable e) {
            return current;
        }
    }

    private static Class<?> virtualThreadClass() {
        try {
            return Class.forName("java.lang.VirtualThread", false, null);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    /**
     * Makes virtual threads use their carrier's stripes from now on: {@code carrier} is {@code ()Thread}, the JDK's
     * {@code Thread.currentCarrierThread()} and nothing else (a handle naming one thread for two OS threads would let
     * them share a stripe). The installer links it at its first install, before that install makes its caches.
     */
    public static synchronized void use(MethodHandle carrier) {
        if (!carrier.type().equals(CURRENT_THREAD.type())) {
            throw new IllegalArgumentException("not a ()Thread handle: " + carrier);
        }
        OF_VIRTUAL.setTarget(carrier);
        MutableCallSite.syncAll(new MutableCallSite[] {OF_VIRTUAL});
    }

    /** Whether virtual threads use their carrier's stripes. */
    public static synchronized boolean linked() {
        return OF_VIRTUAL.getTarget() != CURRENT_THREAD;
    }
}
