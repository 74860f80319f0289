package dev.slabagent.agent;

import dev.slabagent.agent.transform.RuntimeVisibility;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The agent's one registered class file transformer: it hands every class to the transformer of the caches installed
 * now, which the installer swaps without adding or removing transformers. While an install runs in the background
 * (premain's), a class it may rewrite waits for it at its load, so no class is loaded past the install unrewritten;
 * every other class loads at once. It also tells the installer of each class loader that defines a class
 * ({@link #onLoad}), while caches wait for a loader that has their classes.
 */
final class TransformerSlot implements ClassFileTransformer {

    private volatile ClassFileTransformer current;
    private volatile CountDownLatch installing;
    private volatile Predicate<String> mayRewrite = name -> false;
    private volatile Consumer<ClassLoader> onLoad;

    /** Hands classes to {@code transformer} from now on ({@code null}: none). */
    void set(ClassFileTransformer transformer) {
        current = transformer;
    }

    /**
     * Hands the loader of every class a loader other than the boot loader defines from now on (not a retransform) to
     * {@code watcher} ({@code null}: to none). What the watcher throws is dropped; the class is transformed all the
     * same.
     */
    void onLoad(Consumer<ClassLoader> watcher) {
        onLoad = watcher;
    }

    /** An install has started: classes {@code mayRewrite} accepts (internal names) wait for {@link #installed()}. */
    void installing(Predicate<String> mayRewrite) {
        this.mayRewrite = mayRewrite;
        installing = new CountDownLatch(1);
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
        Consumer<ClassLoader> watcher = onLoad;
        if (watcher != null && loader != null && redefined == null) {
            try {
                watcher.accept(loader);
            } catch (Throwable e) {
                // a loader that fails to answer is asked again at a later class
            }
        }
        CountDownLatch latch = installing;
        if (latch != null && name != null && mayRewrite.test(name)) {
            if (loader != null) {
                // asked here, where this thread may hold the loader's lock, so that the install never asks it there
                RuntimeVisibility.seesRuntime(loader);
            }
            awaitUninterruptibly(latch);
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

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
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
