package dev.slabagent.agent.transform;

import dev.slabagent.runtime.alloc.OldSites;
import dev.slabagent.runtime.alloc.SlabSites;
import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Rewrites {@code NEW T; DUP; args..; INVOKESPECIAL T.<init>} into {@code args..; INVOKEDYNAMIC new} for
 * every cached T, and {@code NEWARRAY}/{@code ANEWARRAY} of a cached array type into
 * {@code INVOKEDYNAMIC new (int)T[]} (the length stays on the stack as the call's argument). A {@code NEW T} is held back; if {@code DUP} follows both are dropped and a marker is
 * pushed, and the {@code <init>} paired with that marker becomes the call. {@code NEW}s are paired with
 * {@code <init>}s last-in first-out; an {@code <init>} with nothing pending is a {@code super(..)} or
 * {@code this(..)} call and is left alone. Frames must be expanded: their {@code Uninitialized} entries for
 * the dropped {@code NEW}s are removed (from the stack) or become TOP (in locals).
 *
 * <p>Class files without {@code invokedynamic} (Java 5 and 6) get the same target from {@link OldSites}: the
 * dropped {@code NEW; DUP} become {@code ldc Owner.class; ldc id; invokestatic siteOf} (the pair's two stack
 * entries become one {@code MethodHandle} in frames), the {@code <init>} becomes {@code MethodHandle.invokeExact};
 * an array site loads the handle after its length and swaps the two.
 */
final class NewSiteRewriter extends MethodVisitor {

    private static final String KEPT = "";
    private static final Handle BOOTSTRAP = new Handle(Opcodes.H_INVOKESTATIC, Type.getInternalName(SlabSites.class),
            "bootstrap", MethodType.methodType(CallSite.class, MethodHandles.Lookup.class, String.class,
                    MethodType.class, String.class).toMethodDescriptorString(), false);

    private static final String METHOD_HANDLE = Type.getInternalName(MethodHandle.class);
    private static final String SITE_OF = MethodType.methodType(MethodHandle.class, Class.class, int.class)
            .toMethodDescriptorString();

    private final Map<String, String> cacheByType;
    private final ClassLoader loader;
    private final String owner;
    private final String method;
    private final int major;
    private final boolean invokedynamic;
    /** Sites of each cached type in this method so far, in a class file without {@code invokedynamic}. */
    private final Map<String, Integer> oldSites = new HashMap<>();
    private final Deque<Integer> oldSiteIds = new ArrayDeque<>();
    private final Deque<String> pending = new ArrayDeque<>();
    private final List<Label> labelsBeforeInsn = new ArrayList<>();
    private final Set<Label> droppedNews = new HashSet<>();
    private String heldType;
    private List<Label> heldLabels = List.of();

    /**
     * @param cacheByType   cache name by internal name of the cached class or descriptor of the cached array type
     * @param loader        the class loader of the class whose code this is
     * @param owner         internal name of that class
     * @param method        name and descriptor of the method whose code this is
     * @param major         its class file's major version: {@code invokedynamic} from Java 7 (51); before, the site's
     *                      target is looked up by the class's constant, which Java 5 class files (49) are the first to
     *                      have
     */
    NewSiteRewriter(MethodVisitor next, Map<String, String> cacheByType, ClassLoader loader, String owner,
                    String method, int major) {
        super(Opcodes.ASM9, next);
        this.cacheByType = cacheByType;
        this.loader = loader;
        this.owner = owner;
        this.method = method;
        this.major = major;
        this.invokedynamic = major >= Opcodes.V1_7;
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        release();
        if (opcode == Opcodes.ANEWARRAY && newArray(ArraySites.ofANewArray(type))) {
            return;
        }
        if (opcode == Opcodes.NEW && cacheByType.containsKey(type)) {
            heldType = type;
            heldLabels = List.copyOf(labelsBeforeInsn);
            labelsBeforeInsn.clear();
            return;
        }
        if (opcode == Opcodes.NEW) {
            pending.push(KEPT);
        }
        super.visitTypeInsn(opcode, type);
        labelsBeforeInsn.clear();
    }

    @Override
    public void visitInsn(int opcode) {
        if (heldType != null && opcode == Opcodes.DUP) {
            droppedNews.addAll(heldLabels);
            pending.push(heldType);
            if (!invokedynamic) {
                loadOldSite(heldType);
            }
            heldType = null;
            return;
        }
        release();
        super.visitInsn(opcode);
        labelsBeforeInsn.clear();
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
        release();
        labelsBeforeInsn.clear();
        if (opcode == Opcodes.INVOKESPECIAL && name.equals("<init>") && !pending.isEmpty()) {
            String marker = pending.pop();
            if (!marker.equals(KEPT)) {
                if (!marker.equals(owner)) {
                    throw new IllegalStateException("new " + marker + " paired with " + owner + ".<init>");
                }
                callSite(Type.getMethodDescriptor(Type.getObjectType(owner), Type.getArgumentTypes(desc)),
                        cacheByType.get(owner));
                return;
            }
        }
        super.visitMethodInsn(opcode, owner, name, desc, itf);
    }

    @Override
    public void visitLabel(Label label) {
        release();
        super.visitLabel(label);
        labelsBeforeInsn.add(label);
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        release();
        if (droppedNews.isEmpty() || type != Opcodes.F_NEW) {
            super.visitFrame(type, numLocal, local, numStack, stack);
            return;
        }
        Object[] locals = new Object[numLocal];
        for (int i = 0; i < numLocal; i++) {
            locals[i] = droppedNews.contains(local[i]) ? Opcodes.TOP : local[i];
        }
        List<Object> kept = new ArrayList<>(numStack);
        for (int i = 0; i < numStack; i++) {
            if (!droppedNews.contains(stack[i])) {
                kept.add(stack[i]);
            } else if (!invokedynamic && (i == 0 || stack[i - 1] != stack[i])) {
                kept.add(METHOD_HANDLE);
            }
        }
        super.visitFrame(type, numLocal, locals, kept.size(), kept.toArray());
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        beforeInsn();
        if (opcode != Opcodes.NEWARRAY || !newArray(ArraySites.ofNewArray(operand))) {
            super.visitIntInsn(opcode, operand);
        }
    }

    /** Emits the cache call in place of an array creation of type {@code array} if it is cached; false if not. */
    private boolean newArray(String array) {
        String cache = cacheByType.get(array);
        if (cache == null) {
            return false;
        }
        labelsBeforeInsn.clear();
        if (!invokedynamic) {
            loadOldSite(array);
            super.visitInsn(Opcodes.SWAP);
        }
        callSite(Type.getMethodDescriptor(Type.getType(array), Type.INT_TYPE), cache);
        return true;
    }

    /** The call that allocates: {@code invokedynamic}, or {@code invokeExact} on the handle loaded before. */
    private void callSite(String descriptor, String cache) {
        if (invokedynamic) {
            super.visitInvokeDynamicInsn("new", descriptor, BOOTSTRAP, cache);
        } else {
            OldSites.describe(oldSiteIds.pop(), descriptor);
            super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, METHOD_HANDLE, "invokeExact", descriptor, false);
        }
    }

    /**
     * Pushes the target of a new site of cached type {@code type} in a class file without {@code invokedynamic}. The
     * site is named by its method and its place among the method's sites of that type: the same instruction of the
     * same class file whatever else the config caches, so a rewrite of it again gets its id back.
     */
    private void loadOldSite(String type) {
        if (major < Opcodes.V1_5) {
            // ldc of a class needs Java 5: the JVM refuses the rewritten class (VerifyError) where it would be loaded
            throw new IllegalStateException("a class file of major version " + major + " has no class constants; its new of "
                    + type.replace('/', '.') + " stays as it is");
        }
        int nth = oldSites.merge(type, 1, Integer::sum) - 1;
        int id = OldSites.reserve(cacheByType.get(type), loader, owner + "." + method + " " + type + "#" + nth);
        oldSiteIds.push(id);
        super.visitLdcInsn(Type.getObjectType(owner));
        super.visitLdcInsn(id);
        super.visitMethodInsn(Opcodes.INVOKESTATIC, Type.getInternalName(OldSites.class), "siteOf", SITE_OF, false);
    }

    @Override
    public void visitVarInsn(int opcode, int var) {
        beforeInsn();
        super.visitVarInsn(opcode, var);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String desc) {
        beforeInsn();
        super.visitFieldInsn(opcode, owner, name, desc);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String desc, Handle bsm, Object... bsmArgs) {
        beforeInsn();
        super.visitInvokeDynamicInsn(name, desc, bsm, bsmArgs);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        beforeInsn();
        super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitLdcInsn(Object value) {
        beforeInsn();
        super.visitLdcInsn(value);
    }

    @Override
    public void visitIincInsn(int var, int increment) {
        beforeInsn();
        super.visitIincInsn(var, increment);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        beforeInsn();
        super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        beforeInsn();
        super.visitLookupSwitchInsn(dflt, keys, labels);
    }

    @Override
    public void visitMultiANewArrayInsn(String desc, int dims) {
        beforeInsn();
        super.visitMultiANewArrayInsn(desc, dims);
    }

    @Override
    public void visitLineNumber(int line, Label start) {
        release();
        super.visitLineNumber(line, start);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        release();
        super.visitMaxs(maxStack, maxLocals);
    }

    private void beforeInsn() {
        release();
        labelsBeforeInsn.clear();
    }

    /** Emits a held-back {@code NEW} that is not followed by {@code DUP}: that site stays as it was. */
    private void release() {
        if (heldType != null) {
            super.visitTypeInsn(Opcodes.NEW, heldType);
            pending.push(KEPT);
            heldType = null;
        }
    }
}
