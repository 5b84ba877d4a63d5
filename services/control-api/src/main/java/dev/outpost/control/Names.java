package dev.outpost.control;

import java.util.regex.Pattern;

import dev.outpost.control.error.InvalidInputException;

/** The one naming rule for edges, data sources and rule sets, so names work as Kubernetes labels and in URLs. */
public final class Names {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private Names() {
    }

    /** Returns {@code name} if it is valid; otherwise throws, naming the field and the rule. */
    public static String requireValid(String field, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException(field + " '" + (name == null ? "" : name) + "' is not a valid name: use 1-63 "
                    + "characters of a-z, 0-9 and '-', starting and ending with a letter or digit");
        }
        return name;
    }
}
