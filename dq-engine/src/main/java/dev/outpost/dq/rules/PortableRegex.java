package dev.outpost.dq.rules;

import java.util.Optional;

/**
 * Finds Java regex constructs that the SQL engines' regex libraries reject (DuckDB uses RE2), so that such a pattern
 * fails when the rule set is saved instead of in the middle of a scan.
 */
final class PortableRegex {

    private PortableRegex() {
    }

    /** A description of the first unsupported construct in a pattern that compiles in Java, if any. */
    static Optional<String> firstUnsupported(String pattern) {
        boolean inClass = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                if (pattern.startsWith("Q", i + 1)) {
                    int end = pattern.indexOf("\\E", i + 2);
                    i = end < 0 ? pattern.length() : end + 1;
                    continue;
                }
                if (!inClass && (isBackreferenceDigit(pattern, i + 1) || pattern.startsWith("k<", i + 1))) {
                    return Optional.of("a backreference at index " + i);
                }
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
                // A ']' right after '[' or '[^' is a literal, not the end of the class.
                i += pattern.startsWith("^]", i + 1) ? 2 : pattern.startsWith("]", i + 1) ? 1 : 0;
            } else if (c == '(' && pattern.startsWith("?", i + 1)) {
                Optional<String> group = unsupportedGroup(pattern, i);
                if (group.isPresent()) {
                    return group;
                }
            } else if ((c == '*' || c == '+' || c == '?' || c == '}') && pattern.startsWith("+", i + 1)) {
                return Optional.of("a possessive quantifier '" + c + "+' at index " + i);
            }
        }
        return Optional.empty();
    }

    private static boolean isBackreferenceDigit(String pattern, int index) {
        return index < pattern.length() && pattern.charAt(index) >= '1' && pattern.charAt(index) <= '9';
    }

    private static Optional<String> unsupportedGroup(String pattern, int index) {
        String rest = pattern.substring(index + 2);
        if (rest.startsWith("=") || rest.startsWith("!")) {
            return Optional.of("a lookahead '(?" + rest.charAt(0) + "' at index " + index);
        }
        if (rest.startsWith("<=") || rest.startsWith("<!")) {
            return Optional.of("a lookbehind '(?" + rest.substring(0, 2) + "' at index " + index);
        }
        if (rest.startsWith(">")) {
            return Optional.of("an atomic group '(?>' at index " + index);
        }
        return Optional.empty();
    }
}
