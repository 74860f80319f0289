package dev.slabagent.agent;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.security.ProtectionDomain;
import java.util.concurrent.atomic.AtomicReference;

/** Reads back the class file a loaded class runs now, through a no-op retransform. */
public final class ClassFileCapture {

    private ClassFileCapture() {
    }

    /**
     * The class file of {@code type} as the JVM runs it: what the transformers of {@code inst}'s agent and of every
     * agent loaded before it made of the original (a retransform-capable transformer sees its predecessors' output).
     */
    public static byte[] current(Instrumentation inst, Class<?> type) throws UnmodifiableClassException {
        AtomicReference<byte[]> seen = new AtomicReference<>();
        ClassFileTransformer capture = new ClassFileTransformer() {
            @Override
            public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined,
                                    ProtectionDomain domain, byte[] classFile) {
                if (redefined == type) {
                    seen.set(classFile.clone());
                }
                return null;
            }
        };
        inst.addTransformer(capture, true);
        try {
            inst.retransformClasses(type);
        } finally {
            inst.removeTransformer(capture);
        }
        return seen.get();
    }
}
