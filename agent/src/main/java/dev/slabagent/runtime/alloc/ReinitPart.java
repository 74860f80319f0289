package dev.slabagent.runtime.alloc;

import java.util.List;

/**
 * The reinit code of one class of a cached class's chain (the cached class first, then each superclass below
 * the JDK's): defined as a hidden nestmate of that class, with the handles of its {@link ReinitLink}s as class
 * data. The cached class's part has a static {@code init(T self, args..)} per constructor; every part has
 * {@code reset(C self)} and a {@code body(C self, args..)} per constructor its subclass's constructors call.
 *
 * @param className binary name of the class the part belongs to
 * @param classFile the part's class file
 * @param links     the handles the part takes from its class data, in index order
 */
public record ReinitPart(String className, byte[] classFile, List<ReinitLink> links) {

    /** Copies the arguments. */
    public ReinitPart {
        classFile = classFile.clone();
        links = List.copyOf(links);
    }

    @Override
    public byte[] classFile() {
        return classFile.clone();
    }
}
