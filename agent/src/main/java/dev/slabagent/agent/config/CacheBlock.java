package dev.slabagent.agent.config;

import dev.slabagent.runtime.Strategy;
import dev.slabagent.runtime.verify.OnHazard;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code slab.NAME.*} keys of one cache: checks each and builds the {@link CacheSpec}, or reports why not. */
final class CacheBlock {

    /** The keys a cache block may have. */
    static final List<String> KEYS =
            List.of("class", "array", "release", "when", "strategy", "capacity", "preserve", "zero", "sites", "onthrow", "verify",
                    "sample", "onhazard");

    /** Highest parameter index a JVM method can have (255 slots, the receiver taking one). */
    private static final int MAX_PARAMETER = 254;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern ARRAY = Pattern.compile("([^\\[\\]\\s]+)\\s*\\[\\s*([^\\[\\]]*?)\\s*]");
    private static final Pattern RELEASE = Pattern.compile("([^#]*)#([^:]*):(.*)");
    private static final Pattern GUARD = Pattern.compile("(.*?)\\s*(==|!=|<=|>=|<|>)\\s*(.*)");

    private final String name;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final ConfigProblems problems = new ConfigProblems();

    CacheBlock(String name) {
        this.name = name;
    }

    /** Records {@code slab.NAME.key=value}; an unknown key is a problem of this cache. */
    void put(String key, String value) {
        if (!KEYS.contains(key)) {
            problems.add(key(key), "unknown key (a cache takes " + String.join(", ", KEYS) + ")");
        } else {
            values.put(key, value);
        }
    }

    /** Marks a key of this cache as given twice. */
    void repeated(String key) {
        problems.add(key(key), "given more than once");
    }

    /** Builds the spec; returns {@code null} and adds this cache's problems to {@code out} if there are any. */
    CacheSpec build(ConfigProblems out) {
        if (!NAME.matcher(name).matches()) {
            problems.add("slab." + name, "bad cache name '" + name + "' (letters, digits, '_' and '-' only)");
        }
        String className = values.containsKey("class") ? className(values.get("class")) : null;
        ArraySpec array = values.containsKey("array") ? array(values.get("array")) : null;
        boolean isArray = values.containsKey("array");
        if (values.containsKey("class") == isArray) {
            problems.add(key(isArray ? "array" : "class"), isArray
                    ? "give " + key("class") + " or " + key("array") + ", not both"
                    : "missing (give " + key("class") + " or " + key("array") + ")");
        }
        ReleasePoint release = values.containsKey("release") ? release(values.get("release")) : null;
        if (!values.containsKey("release")) {
            problems.add(key("release"), "missing (Owner#method:ARG or Owner#method:this)");
        }
        Guard guard = values.containsKey("when") ? guard(values.get("when"), isArray) : null;
        Strategy strategy = values.containsKey("strategy") ? strategy(values.get("strategy")) : CacheSpec.DEFAULT_STRATEGY;
        int capacity = values.containsKey("capacity") ? capacity(values.get("capacity")) : CacheSpec.DEFAULT_CAPACITY;
        List<String> preserve = values.containsKey("preserve") ? preserve(values.get("preserve"), isArray) : List.of();
        boolean zero = !values.containsKey("zero") || zero(values.get("zero"), isArray || !preserve.isEmpty());
        List<String> sites = values.containsKey("sites") ? sites(values.get("sites")) : List.of();
        boolean freeOnThrow = values.containsKey("onthrow") && onThrow(values.get("onthrow"));
        int verify = values.containsKey("verify") ? count("verify", values.get("verify")) : CacheSpec.DEFAULT_VERIFY;
        int sample = values.containsKey("sample") ? count("sample", values.get("sample")) : CacheSpec.DEFAULT_SAMPLE;
        OnHazard onHazard = values.containsKey("onhazard") ? onHazard(values.get("onhazard")) : OnHazard.OFF;
        if (!problems.isEmpty()) {
            out.addAll(problems);
            return null;
        }
        return new CacheSpec(name, className, array, release, guard, strategy, capacity, preserve, zero, sites,
                freeOnThrow, new CacheSpec.Checks(verify, sample, onHazard));
    }

    private String key(String key) {
        return "slab." + name + "." + key;
    }

    private String className(String v) {
        if (!JavaNames.isDottedName(v)) {
            problems.add(key("class"), "not a class name: '" + v + "'");
        }
        return v;
    }

    private ArraySpec array(String v) {
        Matcher m = ARRAY.matcher(v);
        if (!m.matches()) {
            problems.add(key("array"), "not TYPE[LENGTH] (e.g. byte[4096]): '" + v + "'");
            return null;
        }
        String type = m.group(1);
        if (!ArraySpec.PRIMITIVES.contains(type) && !JavaNames.isDottedName(type)) {
            problems.add(key("array"), "not a primitive type or class name: '" + type + "'");
        }
        int length = positiveInt("array", m.group(2), "length not a positive integer");
        return new ArraySpec(type, length);
    }

    private ReleasePoint release(String v) {
        Matcher m = RELEASE.matcher(v);
        if (!m.matches()) {
            problems.add(key("release"), "not Owner#method:ARG or Owner#method:this: '" + v + "'");
            return null;
        }
        String owner = m.group(1).trim();
        String method = m.group(2).trim();
        String arg = m.group(3).trim();
        if (!JavaNames.isDottedName(owner)) {
            problems.add(key("release"), "not a class name: '" + owner + "'");
        }
        if (!JavaNames.isIdentifier(method)) {
            problems.add(key("release"), "not a method name: '" + method + "'");
        }
        int index = ReleasePoint.THIS;
        if (!arg.equals("this")) {
            index = parseUnsigned(arg);
            if (index < 0 || index > MAX_PARAMETER) {
                problems.add(key("release"), "argument not 'this' or a parameter index 0..254: '" + arg + "'");
            }
        }
        return new ReleasePoint(owner, method, index);
    }

    private Guard guard(String v, boolean isArray) {
        if (isArray) {
            problems.add(key("when"), "an array cache has no fields to test");
            return null;
        }
        if (v.contains("||")) {
            problems.add(key("when"), "only " + Guard.AND + " joins comparisons (a release frees only when all hold): '"
                    + v + "'");
            return null;
        }
        List<Guard.Term> terms = new ArrayList<>();
        for (String comparison : v.split(Pattern.quote(Guard.AND), -1)) {
            Guard.Term term = term(comparison.trim());
            if (term == null) {
                return null;
            }
            terms.add(term);
        }
        return new Guard(terms);
    }

    private Guard.Term term(String v) {
        Matcher m = GUARD.matcher(v);
        if (!m.matches() || !JavaNames.isIdentifier(m.group(1))) {
            problems.add(key("when"), "not FIELD OP VALUE with OP one of " + String.join(" ", Guard.OPERATORS)
                    + ", joined by " + Guard.AND + ": '" + v + "'");
            return null;
        }
        String field = m.group(1);
        String op = m.group(2);
        String value = m.group(3).trim();
        Guard.Kind kind = switch (value) {
            case "true", "false" -> Guard.Kind.BOOLEAN;
            case "null" -> Guard.Kind.NULL;
            default -> Guard.Kind.INTEGER;
        };
        if (kind != Guard.Kind.INTEGER && !op.equals("==") && !op.equals("!=")) {
            problems.add(key("when"), "a " + (kind == Guard.Kind.NULL ? "null" : "boolean") + " takes only == or !=: '"
                    + v + "'");
            return null;
        }
        if (kind != Guard.Kind.INTEGER) {
            return new Guard.Term(field, op, value.equals("true") ? 1 : 0, kind);
        }
        try {
            return new Guard.Term(field, op, Long.parseLong(value), kind);
        } catch (NumberFormatException e) {
            problems.add(key("when"), "value not an integer, true, false or null: '" + value + "'");
            return null;
        }
    }

    private Strategy strategy(String v) {
        try {
            return Strategy.parse(v);
        } catch (IllegalArgumentException e) {
            problems.add(key("strategy"), e.getMessage());
            return null;
        }
    }

    private int capacity(String v) {
        return positiveInt("capacity", v, "not a positive integer");
    }

    private List<String> preserve(String v, boolean isArray) {
        if (isArray) {
            problems.add(key("preserve"), "only for object caches (slab." + name + ".class)");
            return List.of();
        }
        List<String> fields = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String f : v.split(",", -1)) {
            String field = f.trim();
            if (!JavaNames.isIdentifier(field)) {
                problems.add(key("preserve"), "not a field name: '" + field + "'");
            } else if (!seen.add(field)) {
                problems.add(key("preserve"), "field named twice: '" + field + "'");
            } else {
                fields.add(field);
            }
        }
        return fields;
    }

    /** {@code zero}; {@code arrays} if the cache has arrays to fill: an array cache, or preserved fields. */
    private boolean zero(String v, boolean arrays) {
        if (!arrays) {
            problems.add(key("zero"), "only for array caches (slab." + name + ".array) and preserved arrays (slab."
                    + name + ".preserve)");
        }
        if (!v.equals("true") && !v.equals("false")) {
            problems.add(key("zero"), "not true or false: '" + v + "'");
        }
        return !v.equals("false");
    }

    /** {@code free} (true) or {@code keep} (false). */
    private boolean onThrow(String v) {
        if (!v.equals("free") && !v.equals("keep")) {
            problems.add(key("onthrow"), "not free or keep: '" + v + "'");
        }
        return v.equals("free");
    }

    /** A whole number from 0 up (0 switches the check off). */
    private int count(String key, String v) {
        int n = parseUnsigned(v);
        if (n < 0) {
            problems.add(key(key), "not a whole number from 0 up: '" + v + "'");
        }
        return Math.max(n, 0);
    }

    private OnHazard onHazard(String v) {
        try {
            return OnHazard.parse(v);
        } catch (IllegalArgumentException e) {
            problems.add(key("onhazard"), e.getMessage());
            return OnHazard.OFF;
        }
    }

    private List<String> sites(String v) {
        return SitePrefixes.parse(v, bad -> problems.add(key("sites"), "not a package prefix or class name: '" + bad + "'"));
    }

    private int positiveInt(String key, String v, String problem) {
        int n = parseUnsigned(v);
        if (n < 1) {
            problems.add(key(key), problem + ": '" + v + "'");
        }
        return n;
    }

    /** Parses a decimal int without sign, or returns -1 if {@code v} is not one (or too big). */
    private static int parseUnsigned(String v) {
        if (v.isEmpty() || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
