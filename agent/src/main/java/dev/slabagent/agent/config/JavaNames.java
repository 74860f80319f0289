package dev.slabagent.agent.config;

/** Syntax checks of Java names as the config writes them. */
final class JavaNames {

    private JavaNames() {
    }

    /** A Java identifier ({@code ref}, {@code $x}). */
    static boolean isIdentifier(String s) {
        if (s.isEmpty() || !Character.isJavaIdentifierStart(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!Character.isJavaIdentifierPart(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A binary class or package name: identifiers separated by single dots ({@code com.example.Outer$Inner}). */
    static boolean isDottedName(String s) {
        for (String part : s.split("\\.", -1)) {
            if (!isIdentifier(part)) {
                return false;
            }
        }
        return true;
    }
}
