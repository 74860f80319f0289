package dev.slabagent.agent;

import dev.slabagent.agent.transform.RuntimeVisibility;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * The agent's one registered class file transformer: it hands every class to the transformer of the caches installed
 * now, which the installer swaps without adding or removing transformers. While an install runs in the background
 * (premain's), a class it may rewrite waits for it at its load, so no class is loaded past the install unrewritten;
 * every other class loads at once. It also tells the installer of each class loader that defines a class
 * ({@link #onLoad}), while caches wait for a loader that has their classes.
 */
final class TransformerSlot implements ClassFileTransformer {

    /** How long a class waits for the premain install at most. */
    private static final long INSTALL_WAIT_SECONDS = 5;

    private volatile ClassFileTransformer current;
    private volatile CountDownLatch installing;
    private volatile Predicate<String> mayRewrite = name -> false;
    private volatile BiConsumer<ClassLoader, String> onLoad;
    /** The adds of caches found in a loader that are running, by loader (see {@link #adding}). */
    private final Map<ClassLoader, Adding> adding = new ConcurrentHashMap<>();

    /** Caches are being added for {@code loader} by thread {@code by}; {@code done} is counted down when they are. */
    record Adding(ClassLoader loader, Thread by, CountDownLatch done) {
    }

    /** Hands classes to {@code transformer} from now on ({@code null}: none). */
    void set(ClassFileTransformer transformer) {
        current = transformer;
    }

    /**
     * Hands the loader and the internal name of every class a loader other than the boot loader defines from now on
     * (not a retransform) to {@code watcher} ({@code null}: to none). What the watcher throws is dropped; the class is
     * transformed all the same.
     */
    void onLoad(BiConsumer<ClassLoader, String> watcher) {
        onLoad = watcher;
    }

    /** An install has started: classes {@code mayRewrite} accepts (internal names) wait for {@link #installed()}. */
    void installing(Predicate<String> mayRewrite) {
        this.mayRewrite = mayRewrite;
        installing = new CountDownLatch(1);
    }

    /**
     * Caches are about to be added for {@code loader} by thread {@code by} (not started yet): until {@link #added}, a
     * class {@code loader} defines on another thread waits for the add (at most as long as for an install), so that it
     * is transformed by the transformer the add sets. Without the wait, a class whose load asked the transformer before
     * the add set the new one, and which the JVM registered only after the add had looked for the classes to
     * retransform, stayed unrewritten.
     */
    Adding adding(ClassLoader loader, Thread by) {
        Adding a = new Adding(loader, by, new CountDownLatch(1));
        adding.put(loader, a);
        return a;
    }

    /** The add {@code a} ended, with its transformer set or not: nothing waits for it any more. */
    void added(Adding a) {
        adding.remove(a.loader(), a);
        a.done().countDown();
    }

    /** The background install ended, with its transformer set or not: nothing waits any more. */
    void installed() {
        CountDownLatch latch = installing;
        installing = null;
        if (latch != null) {
            latch.countDown();
        }
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined,
                            ProtectionDomain domain, byte[] classFile) {
        BiConsumer<ClassLoader, String> watcher = onLoad;
        if (watcher != null && loader != null && redefined == null) {
            try {
                watcher.accept(loader, name);
            } catch (Throwable e) {
                // a loader that fails to answer is asked again at a later class
            }
        }
        Adding add = loader == null || redefined != null ? null : adding.get(loader);
        if (add != null && add.by() != Thread.currentThread()) {
            awaitUninterruptibly(add.done(), INSTALL_WAIT_SECONDS);
        }
        CountDownLatch latch = installing;
        if (latch != null && name != null && mayRewrite.test(name)) {
            if (loader != null) {
                // asked here, where this thread may hold the loader's lock, so that the install never asks it there
                RuntimeVisibility.seesRuntime(loader);
            }
            awaitUninterruptibly(latch, INSTALL_WAIT_SECONDS);
        }
        ClassFileTransformer t = current;
        if (t == null) {
            return null;
        }
        try {
            return t.transform(module, loader, name, redefined, domain, classFile);
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * Waits for {@code latch}, at most {@code seconds}: a class loading thread may hold locks the install needs (nested
     * class loaders that lock per loader), so a class that waits that long loads as it is, and the install retransforms
     * it when it is done.
     */
    private static void awaitUninterruptibly(CountDownLatch latch, long seconds) {
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            try {
                latch.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
