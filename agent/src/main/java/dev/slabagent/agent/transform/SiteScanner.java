package dev.slabagent.agent.transform;

import java.util.Set;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Pre-scan of a class file: whether it contains a {@code NEW} of a cached class (looked for in the
 * constant pool first, then in the code). Only such classes, and release owners, are transformed.
 */
final class SiteScanner {

    private static final int CONSTANT_CLASS = 7;
    private static final int FIRST_VERSION_WITH_INDY = 51;

    private final Set<String> cachedTypes;

    /** @param cachedTypes internal names of the cached classes */
    SiteScanner(Set<String> cachedTypes) {
        this.cachedTypes = cachedTypes;
    }

    /** Whether the class has a {@code new} of a cached class and a version that allows invokedynamic. */
    boolean hasSites(byte[] classFile) {
        ClassReader reader = OpenedClassReader.of(classFile);
        if (reader.readUnsignedShort(6) < FIRST_VERSION_WITH_INDY || !referencesCachedType(reader)) {
            return false;
        }
        NewFinder finder = new NewFinder();
        reader.accept(finder, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return finder.found;
    }

    private boolean referencesCachedType(ClassReader reader) {
        char[] buffer = new char[reader.getMaxStringLength()];
        for (int i = 1; i < reader.getItemCount(); i++) {
            int offset = reader.getItem(i);
            if (offset > 0 && reader.readByte(offset - 1) == CONSTANT_CLASS
                    && cachedTypes.contains(reader.readUTF8(offset, buffer))) {
                return true;
            }
        }
        return false;
    }

    private final class NewFinder extends ClassVisitor {
        private boolean found;

        NewFinder() {
            super(OpenedClassReader.ASM_API);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
            return found ? null : new MethodVisitor(OpenedClassReader.ASM_API) {
                @Override
                public void visitTypeInsn(int opcode, String type) {
                    found |= opcode == net.bytebuddy.jar.asm.Opcodes.NEW && cachedTypes.contains(type);
                }
            };
        }
    }
}
