package dev.slabagent.agent.transform.reinit;

import dev.slabagent.runtime.alloc.ReinitPart;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Generates the reinit parts of a cached class and its superclasses from their class files (see the package
 * description). Every constructor of the cached class is copied, and of each superclass the constructors those
 * copies call; each is refused, with the reason naming its class, as {@link ConstructorCopy} (or for the JDK's,
 * {@link JdkConstructorCopy}) says. Code copied from class files older than Java 7, whose frames are optional or
 * absent, gets its frames computed.
 */
public final class ReinitGenerator {

    /** Appended to a class's internal name to name its reinit part. */
    public static final String SUFFIX = "$$SlabReinit";

    private ReinitGenerator() {
    }

    /**
     * @param classFile the cached class's class file
     * @param preserve  fields (of the class or a superclass) whose object is kept (cleared) across reuse
     * @param zero      whether a preserved array is zero-filled on reuse ({@code slab.NAME.zero}); else it keeps
     *                  its contents
     * @param classes   the class files of its superclasses and of what their code names
     * @throws RefusedException if objects of the class cannot be recycled faithfully
     */
    public static ReinitTemplate generate(byte[] classFile, List<String> preserve, boolean zero, ClassSource classes)
            throws RefusedException {
        ClassNode cached = Chain.read(classFile);
        if ((cached.access & (Opcodes.ACC_INTERFACE | Opcodes.ACC_ABSTRACT)) != 0) {
            throw new RefusedException(Chain.name(cached.name) + " is abstract or an interface");
        }
        Chain chain = Chain.of(cached, classes);
        Members members = new Members(classes);
        Map<ClassNode, Map<String, PreservedField>> preserved = preservedFields(chain, preserve, zero, classes);
        List<PartClass> parts = new ArrayList<>();
        Set<String> needed = constructors(cached);
        for (int i = 0; i < chain.app().size(); i++) {
            ClassNode c = chain.app().get(i);
            PartClass part = new PartClass(c, chain.appSuper(i), chain.extendsJdk(i) ? chain.jdk() : List.of());
            Set<String> superNeeded = copyConstructors(c, needed, part, members, preserved.get(c));
            for (PreservedField field : preserved.get(c).values()) {
                field.checkCreations(c);
            }
            part.addReset(preserved.get(c));
            if (!preserve.isEmpty()) {
                part.addPrepare(preserved.get(c));
            }
            if (i == 0) {
                needed.forEach(part::addInit);
            }
            if (chain.extendsJdk(i)) {
                copyJdkConstructors(chain, superNeeded, part, members);
            }
            parts.add(part);
            needed = superNeeded;
        }
        List<ReinitPart> written = new ArrayList<>();
        for (PartClass part : parts) {
            written.add(part.write(classes));
        }
        return new ReinitTemplate(written);
    }

    /** Copies the constructors {@code needed} of {@code c}, and those they call with {@code this(..)}. */
    private static Set<String> copyConstructors(ClassNode c, Set<String> needed, PartClass part, Members members,
                                                Map<String, PreservedField> preserved) throws RefusedException {
        Set<String> superNeeded = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(needed);
        Set<String> done = new HashSet<>();
        while (!todo.isEmpty()) {
            String desc = todo.pop();
            if (done.add(desc)) {
                MethodNode constructor = constructor(c, desc);
                ConstructorCopy copy = new ConstructorCopy(c, constructor, part, members, preserved);
                copy.apply();
                todo.addAll(copy.thisCalls());
                superNeeded.addAll(copy.superCalls());
                part.addBody(constructor);
            }
        }
        return superNeeded;
    }

    /** Copies the JDK constructors the topmost application class calls, and those they call, into its part. */
    private static void copyJdkConstructors(Chain chain, Set<String> needed, PartClass part, Members members)
            throws RefusedException {
        Deque<String> todo = new ArrayDeque<>();
        needed.forEach(desc -> todo.add(chain.jdk().get(0).name + " " + desc));
        Set<String> done = new HashSet<>();
        while (!todo.isEmpty()) {
            String call = todo.pop();
            if (done.add(call)) {
                String owner = call.substring(0, call.indexOf(' '));
                ClassNode j = chain.jdk().stream().filter(c -> c.name.equals(owner)).findFirst().orElseThrow();
                JdkConstructorCopy copy = new JdkConstructorCopy(j, constructor(j, call.substring(owner.length() + 1)),
                        chain, part, members);
                copy.apply();
                todo.addAll(copy.calls());
            }
        }
    }

    private static Set<String> constructors(ClassNode c) {
        Set<String> descs = new LinkedHashSet<>();
        for (MethodNode m : c.methods) {
            if (m.name.equals("<init>")) {
                descs.add(m.desc);
            }
        }
        return descs;
    }

    private static MethodNode constructor(ClassNode c, String desc) throws RefusedException {
        for (MethodNode m : c.methods) {
            if (m.name.equals("<init>") && m.desc.equals(desc)) {
                return m;
            }
        }
        throw new RefusedException(Chain.name(c.name) + " has no constructor "
                + ConstructorCopy.signature(Chain.name(c.name), desc));
    }

    /** The preserved fields of each application class of the chain, each name found in the nearest class. */
    private static Map<ClassNode, Map<String, PreservedField>> preservedFields(Chain chain, List<String> names,
                                                                           boolean zero, ClassSource classes)
            throws RefusedException {
        Map<ClassNode, Map<String, PreservedField>> preserved = new LinkedHashMap<>();
        chain.app().forEach(c -> preserved.put(c, new LinkedHashMap<>()));
        for (String name : names) {
            boolean found = false;
            for (ClassNode c : chain.app()) {
                FieldNode field = c.fields.stream()
                        .filter(f -> f.name.equals(name) && (f.access & Opcodes.ACC_STATIC) == 0).findFirst().orElse(null);
                if (field != null && !found) {
                    preserved.get(c).put(name, new PreservedField(c, field, zero, classes));
                    found = true;
                }
            }
            if (!found) {
                throw new RefusedException("preserve: " + Chain.name(chain.app().get(0).name)
                        + " has no instance field " + name);
            }
        }
        return preserved;
    }
}
