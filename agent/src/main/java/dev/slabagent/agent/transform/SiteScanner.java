package dev.slabagent.agent.transform;

import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Pre-scan of a class file: whether it contains a {@code NEW} of a cached class or a {@code NEWARRAY} /
 * {@code ANEWARRAY} of a cached array type, or a {@code GETFIELD}/{@code PUTFIELD} on a debugged class (looked for
 * in the constant pool first, except for primitive arrays which have no constant there, then in the code). Only
 * such classes, debugged classes themselves, and release owners are transformed.
 */
final class SiteScanner {

    private static final int CONSTANT_CLASS = 7;

    private final Set<String> cachedTypes;
    private final Set<String> checkedTypes;
    private final boolean primitiveArrays;

    /**
     * @param cachedTypes  internal names of the cached classes and descriptors of the cached array types
     * @param checkedTypes internal names of the debugged classes whose field accesses are checked
     */
    SiteScanner(Set<String> cachedTypes, Set<String> checkedTypes) {
        this.cachedTypes = cachedTypes;
        this.checkedTypes = checkedTypes;
        this.primitiveArrays = cachedTypes.stream().anyMatch(ArraySites::isPrimitiveArray);
    }

    /**
     * The cached types the class has a {@code new} of, and the debugged classes it has a field access on (checked only
     * in class files that allow invokedynamic); empty if none, and for a class file newer than ASM reads (nothing in
     * it is pooled, and it is left as it is without a word: a release method in it still fails to rewrite, loudly).
     */
    Set<String> typesIn(byte[] classFile) {
        ClassReader reader;
        try {
            reader = new ClassReader(classFile);
        } catch (IllegalArgumentException unsupportedVersion) {
            return Set.of();
        }
        Set<String> checked = reader.readUnsignedShort(6) < Opcodes.V1_7 ? Set.of() : checkedTypes;
        if (!primitiveArrays && !referencesCachedType(reader, checked)) {
            return Set.of();
        }
        NewFinder finder = new NewFinder(checked);
        reader.accept(finder, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return finder.found;
    }

    private boolean referencesCachedType(ClassReader reader, Set<String> checked) {
        char[] buffer = new char[reader.getMaxStringLength()];
        for (int i = 1; i < reader.getItemCount(); i++) {
            int offset = reader.getItem(i);
            if (offset > 0 && reader.readByte(offset - 1) == CONSTANT_CLASS) {
                String type = reader.readUTF8(offset, buffer);
                if (cachedTypes.contains(type) || cachedTypes.contains(ArraySites.ofANewArray(type))
                        || checked.contains(type)) {
                    return true;
                }
            }
        }
        return false;
    }

    private final class NewFinder extends ClassVisitor {
        private final Set<String> checked;
        private final int wanted;
        private final Set<String> found = new HashSet<>();

        NewFinder(Set<String> checked) {
            super(Opcodes.ASM9);
            this.checked = checked;
            Set<String> all = new HashSet<>(cachedTypes);
            all.addAll(checked);
            this.wanted = all.size();
        }

        /** The methods left once every type looked for is found are not read. */
        @Override
        public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
            return found.size() >= wanted ? null : new MethodVisitor(Opcodes.ASM9) {
                @Override
                public void visitTypeInsn(int opcode, String type) {
                    if (opcode == Opcodes.NEW) {
                        add(cachedTypes, type);
                    } else if (opcode == Opcodes.ANEWARRAY) {
                        add(cachedTypes, ArraySites.ofANewArray(type));
                    }
                }

                @Override
                public void visitFieldInsn(int opcode, String owner, String name, String desc) {
                    if (opcode == Opcodes.GETFIELD || opcode == Opcodes.PUTFIELD) {
                        add(checked, owner);
                    }
                }

                @Override
                public void visitIntInsn(int opcode, int operand) {
                    if (opcode == Opcodes.NEWARRAY) {
                        add(cachedTypes, ArraySites.ofNewArray(operand));
                    }
                }
            };
        }

        private void add(Set<String> wanted, String type) {
            if (wanted.contains(type)) {
                found.add(type);
            }
        }
    }
}
