package dev.slabagent.agent.transform;

import dev.slabagent.agent.config.CacheSpec;
import dev.slabagent.agent.config.Guard;
import dev.slabagent.agent.config.ReleasePoint;
import dev.slabagent.agent.transform.reinit.ClassSource;
import dev.slabagent.agent.transform.reinit.RefusedException;
import dev.slabagent.agent.transform.reinit.ReinitGenerator;
import dev.slabagent.agent.transform.reinit.ReinitTemplate;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * The semantic checks of a cache that need the classes (read as class files, never loaded): the class
 * exists and can be recycled ({@link ReinitGenerator}) or the array's element class exists, the release
 * method exists and can take the object at the configured position, and the guard's field is an int or
 * boolean of the class.
 */
public final class CacheValidator {

    private static final String PRESERVE = "preserve: ";

    private static final List<Class<?>> INTEGRAL = List.of(int.class, long.class, short.class, byte.class, char.class);

    private final ClassFileLocator classFiles;
    private final TypePool types;
    private final ClassFilter filter;
    private final ClassSource classSource = new ClassSource() {
        @Override
        public Kind kind(String internalName) {
            return CacheValidator.this.kind(internalName);
        }

        @Override
        public byte[] classFile(String internalName) {
            try {
                ClassFileLocator.Resolution resolution = classFiles.locate(internalName.replace('/', '.'));
                return resolution.isResolved() ? resolution.resolve() : null;
            } catch (IOException e) {
                return null;
            }
        }
    };

    /**
     * @param classFiles where the application's class files are read from
     * @param filter     which classes the agent may rewrite
     */
    public CacheValidator(ClassFileLocator classFiles, ClassFilter filter) {
        this.classFiles = classFiles;
        this.types = TypePool.Default.of(classFiles);
        this.filter = filter;
    }

    /** The plan for {@code spec}, or an exception whose message is the one-line problem. */
    public CachePlan validate(CacheSpec spec) throws InvalidCacheException {
        if (spec.isArray()) {
            TypeDescription array = arrayType(spec);
            return new CachePlan(spec, array.getDescriptor(), null, releaseMethods(spec, array));
        }
        TypeDescription cached = type(spec, "class", spec.className());
        ReinitTemplate reinit;
        try {
            reinit = ReinitGenerator.generate(classFile(spec, cached), spec.preserve(), classSource);
        } catch (RefusedException e) {
            boolean preserve = e.getMessage().startsWith(PRESERVE);
            throw problem(spec, preserve ? "preserve" : "class", "cannot recycle " + cached.getName() + ": "
                    + (preserve ? e.getMessage().substring(PRESERVE.length()) : e.getMessage()));
        }
        List<String> releaseMethods = releaseMethods(spec, cached);
        if (spec.guard() != null) {
            checkGuard(spec, cached, spec.guard());
        }
        return new CachePlan(spec, cached.getInternalName(), reinit, releaseMethods);
    }

    private List<String> releaseMethods(CacheSpec spec, TypeDescription cached) throws InvalidCacheException {
        ReleasePoint point = spec.release();
        TypeDescription owner = type(spec, "release", point.owner());
        MethodList<MethodDescription.InDefinedShape> named = ReleaseMethods.named(owner, point);
        if (named.isEmpty()) {
            throw problem(spec, "release", owner.getName() + " has no method " + point.method());
        }
        if (point.releasesThis() && !cached.isAssignableTo(owner)) {
            throw problem(spec, "release", "this in " + point + " is never a " + cached.getActualName());
        }
        MethodList<MethodDescription.InDefinedShape> applicable = ReleaseMethods.applicable(owner, point, cached);
        if (applicable.isEmpty()) {
            int most = named.stream().mapToInt(m -> m.getParameters().size()).max().orElse(0);
            String why = point.releasesThis() ? "every " + point.method() + " is static or abstract"
                    : point.argIndex() >= most ? "argument " + point.argIndex() + " out of range: " + point.method()
                    + " has " + most + " parameter(s)"
                    : "parameter " + point.argIndex() + " of " + point.method() + " cannot hold a " + cached.getActualName();
            throw problem(spec, "release", owner.getName() + ": " + why);
        }
        return applicable.stream().map(m -> m.getInternalName() + m.getDescriptor()).toList();
    }

    private void checkGuard(CacheSpec spec, TypeDescription cached, Guard guard) throws InvalidCacheException {
        for (Guard.Term term : guard.terms()) {
            FieldDescription field = cached.getDeclaredFields()
                    .filter(f -> !f.isStatic() && f.getName().equals(term.field())).stream().findFirst()
                    .orElseThrow(() -> problem(spec, "when", cached.getName() + " has no instance field " + term.field()));
            TypeDescription type = field.getType().asErasure();
            boolean fits = switch (term.kind()) {
                case INTEGER -> INTEGRAL.stream().anyMatch(type::represents);
                case BOOLEAN -> type.represents(boolean.class);
                case NULL -> !type.isPrimitive();
            };
            if (!fits) {
                throw problem(spec, "when", "field " + term.field() + " of " + cached.getName() + " is " + type.getName()
                        + ", not " + switch (term.kind()) {
                            case INTEGER -> "an integer type";
                            case BOOLEAN -> "boolean";
                            case NULL -> "a reference";
                        });
            }
        }
    }

    /** The array type an array cache serves; its element class may be any class, the JDK's included. */
    private TypeDescription arrayType(CacheSpec spec) throws InvalidCacheException {
        TypePool.Resolution resolution = types.describe(spec.array().className());
        if (!resolution.isResolved()) {
            throw problem(spec, "array", "class " + spec.array().elementType() + " not found");
        }
        return resolution.resolve();
    }

    private TypeDescription type(CacheSpec spec, String key, String className) throws InvalidCacheException {
        TypePool.Resolution resolution = types.describe(className);
        if (!resolution.isResolved()) {
            throw problem(spec, key, "class " + className + " not found");
        }
        TypeDescription type = resolution.resolve();
        if (!filter.mayRewrite(type.getInternalName())) {
            throw problem(spec, key, className + " belongs to the JDK or the agent, which are never rewritten");
        }
        return type;
    }

    private byte[] classFile(CacheSpec spec, TypeDescription type) throws InvalidCacheException {
        try {
            return classFiles.locate(type.getName()).resolve();
        } catch (IOException | IllegalStateException e) {
            throw problem(spec, "class", "cannot read the class file of " + type.getName() + " (" + e.getMessage() + ")");
        }
    }

    private ClassSource.Kind kind(String internalName) {
        TypePool.Resolution resolution = types.describe(internalName.replace('/', '.'));
        if (!resolution.isResolved()) {
            return ClassSource.Kind.OTHER;
        }
        TypeDescription type = resolution.resolve();
        return type.isAssignableTo(Map.class) ? ClassSource.Kind.MAP
                : type.isAssignableTo(Collection.class) ? ClassSource.Kind.COLLECTION : ClassSource.Kind.OTHER;
    }

    private static InvalidCacheException problem(CacheSpec spec, String key, String what) {
        return new InvalidCacheException("slab-agent: slab." + spec.name() + "." + key + ": " + what
                + "; cache " + spec.name() + " is not rewritten");
    }
}
