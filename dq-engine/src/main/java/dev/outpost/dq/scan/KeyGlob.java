package dev.outpost.dq.scan;

import java.util.regex.Pattern;

/**
 * A glob over object keys, written relative to a data location's prefix: {@code *} and {@code ?} stay within one
 * {@code /}-delimited level, {@code **} crosses levels ({@code **}{@code /} also matches no level at all, so
 * {@code **}{@code /*.csv} finds top-level objects too), {@code {a,b}} is either alternative. Every other character
 * matches itself. Keys are matched as text, never turned into paths, so any key can be matched. A job-runner picks its
 * objects with it, and metadata-browser lists the same ones.
 */
public final class KeyGlob {

    private final String glob;
    private final Pattern pattern;

    private KeyGlob(String glob, Pattern pattern) {
        this.glob = glob;
        this.pattern = pattern;
    }

    /**
     * @throws IllegalArgumentException for an unbalanced <code>{</code> or <code>}</code>, or a nested
     *     <code>{</code>, saying what is wrong
     */
    public static KeyGlob compile(String glob) {
        StringBuilder regex = new StringBuilder();
        boolean inAlternatives = false;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> {
                    if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                        i++;
                        if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
                            i++;
                            regex.append("(?:.*/)?");
                        } else {
                            regex.append(".*");
                        }
                    } else {
                        regex.append("[^/]*");
                    }
                }
                case '?' -> regex.append("[^/]");
                case '{' -> {
                    if (inAlternatives) {
                        throw invalid(glob, "'{' inside '{…}' (alternatives cannot nest)");
                    }
                    inAlternatives = true;
                    regex.append("(?:");
                }
                case '}' -> {
                    if (!inAlternatives) {
                        throw invalid(glob, "'}' without its '{'");
                    }
                    inAlternatives = false;
                    regex.append(')');
                }
                case ',' -> regex.append(inAlternatives ? "|" : ",");
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (inAlternatives) {
            throw invalid(glob, "'{' without its '}'");
        }
        return new KeyGlob(glob, Pattern.compile(regex.toString(), Pattern.DOTALL));
    }

    private static IllegalArgumentException invalid(String glob, String problem) {
        return new IllegalArgumentException("glob '" + glob + "' has " + problem + ": write e.g. '**/*.{csv,csv.gz}'");
    }

    /** Whether {@code relativeKey}, an object key with the location's prefix taken off, matches. */
    public boolean matches(String relativeKey) {
        return pattern.matcher(relativeKey).matches();
    }

    @Override
    public String toString() {
        return glob;
    }
}
