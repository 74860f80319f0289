package dev.slabagent.agent.transform;

import dev.slabagent.agent.config.CacheSpec;
import dev.slabagent.agent.config.Guard;
import dev.slabagent.agent.config.ReleasePoint;
import dev.slabagent.agent.transform.reinit.RefusedException;
import dev.slabagent.agent.transform.reinit.ReinitGenerator;
import dev.slabagent.agent.transform.reinit.ReinitTemplate;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The semantic checks of a cache that need the classes (read as class files, never loaded): the class
 * exists and can be recycled ({@link ReinitGenerator}) or the array's element class exists, the release
 * method exists and can take the object at the configured position, and the guard's field is an int or
 * boolean of the class.
 */
public final class CacheValidator {

    private static final String PRESERVE = "preserve: ";

    private static final String INTEGRAL = "IJSBC";

    private final ClassFiles classes;
    private final ClassFilter filter;

    /**
     * @param classes the application's class files, as the loader of the cached classes sees them
     * @param filter  which classes the agent may rewrite
     */
    public CacheValidator(ClassFiles classes, ClassFilter filter) {
        this.classes = classes;
        this.filter = filter;
    }

    /** The plan for {@code spec}, or an exception whose message is the one-line problem. */
    public CachePlan validate(CacheSpec spec) throws InvalidCacheException {
        if (spec.isArray()) {
            String array = arrayType(spec);
            return new CachePlan(spec, array, null, releaseMethods(spec, array));
        }
        ClassNode cached = type(spec, "class", spec.className());
        String name = Type.getObjectType(cached.name).getClassName();
        ReinitTemplate reinit;
        try {
            reinit = ReinitGenerator.generate(classFile(spec, cached.name), spec.preserve(), spec.zero(), classes);
        } catch (RefusedException e) {
            boolean preserve = e.getMessage().startsWith(PRESERVE);
            throw problem(spec, preserve ? "preserve" : "class", "cannot recycle " + name + ": "
                    + (preserve ? e.getMessage().substring(PRESERVE.length()) : e.getMessage()));
        }
        List<String> releaseMethods = releaseMethods(spec, "L" + cached.name + ";");
        if (spec.guard() != null) {
            checkGuard(spec, cached, spec.guard());
        }
        return new CachePlan(spec, cached.name, reinit, releaseMethods);
    }

    /** The release methods for objects of type {@code cached} (a field descriptor). */
    private List<String> releaseMethods(CacheSpec spec, String cached) throws InvalidCacheException {
        ReleasePoint point = spec.release();
        ClassNode owner = type(spec, "release", point.owner());
        String ownerName = point.owner();
        String cachedName = Type.getType(cached).getClassName();
        List<MethodNode> named = ReleaseMethods.named(owner, point);
        if (named.isEmpty()) {
            throw problem(spec, "release", ownerName + " has no method " + point.method());
        }
        if (point.releasesThis() && !classes.isAssignable(cached, "L" + owner.name + ";")) {
            throw problem(spec, "release", "this in " + point + " is never a " + cachedName);
        }
        List<MethodNode> applicable = ReleaseMethods.applicable(owner, point, cached, classes);
        if (applicable.isEmpty()) {
            int most = named.stream().mapToInt(m -> Type.getArgumentTypes(m.desc).length).max().orElse(0);
            String why = point.releasesThis() ? "every " + point.method() + " is static or abstract"
                    : point.argIndex() >= most ? "argument " + point.argIndex() + " out of range: " + point.method()
                    + " has " + most + " parameter(s)"
                    : "parameter " + point.argIndex() + " of " + point.method() + " cannot hold a " + cachedName;
            throw problem(spec, "release", ownerName + ": " + why);
        }
        return applicable.stream().map(m -> m.name + m.desc).toList();
    }

    private void checkGuard(CacheSpec spec, ClassNode cached, Guard guard) throws InvalidCacheException {
        String name = Type.getObjectType(cached.name).getClassName();
        for (Guard.Term term : guard.terms()) {
            FieldNode field = cached.fields.stream()
                    .filter(f -> (f.access & Opcodes.ACC_STATIC) == 0 && f.name.equals(term.field())).findFirst()
                    .orElseThrow(() -> problem(spec, "when", name + " has no instance field " + term.field()));
            char sort = field.desc.charAt(0);
            boolean fits = switch (term.kind()) {
                case INTEGER -> field.desc.length() == 1 && INTEGRAL.indexOf(sort) >= 0;
                case BOOLEAN -> sort == 'Z';
                case NULL -> sort == 'L' || sort == '[';
            };
            if (!fits) {
                throw problem(spec, "when", "field " + term.field() + " of " + name + " is "
                        + Type.getType(field.desc).getClassName() + ", not " + switch (term.kind()) {
                            case INTEGER -> "an integer type";
                            case BOOLEAN -> "boolean";
                            case NULL -> "a reference";
                        });
            }
        }
    }

    /** The descriptor of the array type an array cache serves; its element class may be any class, the JDK's too. */
    private String arrayType(CacheSpec spec) throws InvalidCacheException {
        if (!spec.array().isPrimitive() && classes.header(spec.array().elementType().replace('.', '/')) == null) {
            throw problem(spec, "array", "class " + spec.array().elementType() + " not found");
        }
        return spec.array().descriptor();
    }

    private ClassNode type(CacheSpec spec, String key, String className) throws InvalidCacheException {
        String internalName = className.replace('.', '/');
        ClassNode type = classes.header(internalName);
        if (type == null) {
            throw problem(spec, key, "class " + className + " not found");
        }
        if (!filter.mayRewrite(internalName)) {
            throw problem(spec, key, className + " belongs to the JDK or the agent, which are never rewritten");
        }
        return type;
    }

    private byte[] classFile(CacheSpec spec, String internalName) throws InvalidCacheException {
        byte[] classFile = classes.classFile(internalName);
        if (classFile == null) {
            throw problem(spec, "class", "cannot read the class file of " + Type.getObjectType(internalName).getClassName());
        }
        return classFile;
    }

    private static InvalidCacheException problem(CacheSpec spec, String key, String what) {
        return new InvalidCacheException("slab-agent: slab." + spec.name() + "." + key + ": " + what
                + "; cache " + spec.name() + " is not rewritten");
    }
}
