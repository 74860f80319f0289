package dev.slabagent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * A virtual thread is unmounted from its carrier only where it blocks, parks or yields. The magazine cache's
 * allocate and free hold a stripe (leased to the thread, or claimed for the call) across everything they call, but
 * for the sample a free hands to the cache's verification (which takes a lock) between two stripe operations: so
 * nothing the stripe operations can reach may do any of that: this test follows every call from them through the
 * runtime's own classes, reading their class files, and fails on a {@code synchronized} block or method, and on any call out of
 * the runtime that is not on a short list of calls that never block ({@code VarHandle} accesses, {@code
 * Thread.currentThread} and the carrier, {@code Thread.onSpinWait}, array copies, atomics, a weak reference made or asked what it refers to, ...).
 */
class FastPathNeverBlocksTest {

    private static final String RUNTIME = "dev/slabagent/runtime/";

    /** Calls out of the runtime that never block, park or yield: owner, or owner.name. */
    private static final Set<String> NEVER_BLOCK = Set.of(
            "java/lang/invoke/VarHandle",
            "java/lang/Object.<init>",
            "java/lang/Object.getClass",
            "java/lang/Thread.currentThread",
            "java/lang/Thread.getId",
            "java/lang/Thread.threadId",
            "java/lang/Thread.isAlive",
            "java/lang/Thread.onSpinWait",
            "java/lang/System.arraycopy",
            "java/lang/Math",
            "java/lang/Integer",
            "java/util/Arrays.fill",
            "[Ljava/lang/Object;.clone",
            "java/lang/ref/WeakReference.<init>",
            "java/lang/ref/WeakReference.refersTo",
            "java/util/concurrent/atomic/AtomicInteger",
            "java/util/concurrent/atomic/LongAdder.increment",
            "java/util/concurrent/atomic/LongAdder.add");

    /** Calls out of the runtime that one method of it may make (and no other): caller, to owner.name. */
    private static final Map<String, Set<String>> NEVER_BLOCK_IN = Map.of(
            // the carrier's call site, whose target is Thread.currentThread or Thread.currentCarrierThread
            "dev/slabagent/runtime/Carriers.carrierOf(Ljava/lang/Thread;)Ljava/lang/Thread;",
            Set.of("java/lang/invoke/MethodHandle.invokeExact"));

    @Test
    void magazineAllocateFreeAndDrainReachNothingThatBlocksParksOrYields() throws IOException {
        List<String> problems = new ArrayList<>();
        Set<String> reached = reach(List.of(
                new Call("dev/slabagent/runtime/MagazineCache", "allocate", "()Ljava/lang/Object;"),
                new Call("dev/slabagent/runtime/MagazineCache", "release", "(Ljava/lang/Object;I)Ljava/lang/Object;"),
                new Call("dev/slabagent/runtime/MagazineCache", "drain", "()V")), problems);
        assertEquals(List.of(), problems);
        assertTrue(reached.contains("dev/slabagent/runtime/MagazineStripe.allocate()Ljava/lang/Object;")
                        && reached.stream().anyMatch(m -> m.startsWith("dev/slabagent/runtime/Depot.")),
                "the walk reaches the stripe and the depot: " + reached);
    }

    @Test
    void newStrategyCountingReachesNothingThatBlocksParksOrYields() throws IOException {
        List<String> problems = new ArrayList<>();
        Set<String> reached = reach(List.of(
                new Call("dev/slabagent/runtime/NewCache", "allocate", "()Ljava/lang/Object;"),
                new Call("dev/slabagent/runtime/NewCache", "release", "(Ljava/lang/Object;I)Ljava/lang/Object;")), problems);
        assertEquals(List.of(), problems);
        assertTrue(reached.contains("dev/slabagent/runtime/CountingStripe.miss()V"), "the walk reaches the stripe: " + reached);
    }

    @Test
    void aFreeHandsItsSampleToTheVerificationHoldingNoStripeOrLock() throws IOException {
        for (String cache : List.of("MagazineCache", "LockedCache", "NewCache")) {
            assertEquals(Set.of(RUNTIME + "SlabCache.release(Ljava/lang/Object;I)Ljava/lang/Object;",
                            RUNTIME + "SlabCache.inPlaceOf(Ljava/lang/Object;)Ljava/lang/Object;"),
                    callsOf(new Call(RUNTIME + cache, "free", "(Ljava/lang/Object;)V")), cache);
        }
    }

    @Test
    void theCheckFindsASynchronizedMethodAndABlockingCall() throws IOException {
        List<String> problems = new ArrayList<>();
        reach(List.of(new Call(Type.getInternalName(Blocking.class), "run", "()V")), problems);
        assertEquals(List.of(
                "dev/slabagent/runtime/FastPathNeverBlocksTest$Blocking.run()V calls java/util/concurrent/locks/LockSupport.parkNanos",
                "dev/slabagent/runtime/FastPathNeverBlocksTest$Blocking.locked()V is synchronized"), problems);
    }

    /** A method of a runtime class, by owner, name and descriptor. */
    private record Call(String owner, String name, String desc) {
        @Override
        public String toString() {
            return owner + "." + name + desc;
        }
    }

    /** Walks every call reachable from {@code roots} in the runtime's classes; adds each problem found. */
    private static Set<String> reach(List<Call> roots, List<String> problems) throws IOException {
        Set<String> seen = new HashSet<>();
        Deque<Call> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            Call call = todo.pop();
            if (!seen.add(call.toString())) {
                continue;
            }
            MethodNode method = find(call, problems);
            if (method == null) {
                continue;
            }
            if ((method.access & Opcodes.ACC_SYNCHRONIZED) != 0) {
                problems.add(call + " is synchronized");
            }
            for (AbstractInsnNode insn : method.instructions) {
                if (insn.getOpcode() == Opcodes.MONITORENTER) {
                    problems.add(call + " has a synchronized block");
                } else if (insn instanceof MethodInsnNode m) {
                    if (m.owner.startsWith(RUNTIME)) {
                        todo.add(new Call(m.owner, m.name, m.desc));
                    } else if (!NEVER_BLOCK.contains(m.owner) && !NEVER_BLOCK.contains(m.owner + "." + m.name)
                            && !NEVER_BLOCK_IN.getOrDefault(call.toString(), Set.of()).contains(m.owner + "." + m.name)) {
                        problems.add(call + " calls " + m.owner + "." + m.name);
                    }
                }
            }
        }
        return seen;
    }

    /** Every method {@code call} calls (owner.name descriptor, the owner as the call names it), and its monitors. */
    private static Set<String> callsOf(Call call) throws IOException {
        List<String> problems = new ArrayList<>();
        MethodNode method = find(call, problems);
        assertEquals(List.of(), problems);
        Set<String> calls = new HashSet<>();
        for (AbstractInsnNode insn : method.instructions) {
            if (insn.getOpcode() == Opcodes.MONITORENTER) {
                calls.add("monitorenter");
            } else if (insn instanceof MethodInsnNode m) {
                calls.add(m.owner + "." + m.name + m.desc);
            }
        }
        return calls;
    }

    /** The method's code, in its class or the nearest superclass that declares it. */
    private static MethodNode find(Call call, List<String> problems) throws IOException {
        for (String owner = call.owner(); owner != null && owner.startsWith(RUNTIME); ) {
            ClassNode node = read(owner);
            for (MethodNode m : node.methods) {
                if (m.name.equals(call.name()) && m.desc.equals(call.desc())) {
                    if ((m.access & Opcodes.ACC_ABSTRACT) != 0) {
                        problems.add(call + " is abstract: which code runs cannot be checked");
                        return null;
                    }
                    return m;
                }
            }
            owner = node.superName;
        }
        problems.add(call + " not found in the runtime's classes");
        return null;
    }

    private static ClassNode read(String internalName) throws IOException {
        try (InputStream in = FastPathNeverBlocksTest.class.getClassLoader().getResourceAsStream(internalName + ".class")) {
            if (in == null) {
                throw new IOException("no class file for " + internalName);
            }
            ClassNode node = new ClassNode();
            new ClassReader(in).accept(node, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
            return node;
        }
    }

    /** What the check must find: a park, and a synchronized method reached from it. */
    static final class Blocking {
        static void run() {
            java.util.concurrent.locks.LockSupport.parkNanos(1);
            locked();
        }

        static synchronized void locked() {
        }
    }
}
