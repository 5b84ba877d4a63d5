package dev.outpost.dq.rules;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The formats a {@code format} check knows by name, each a vetted pattern in the syntax Java and RE2 share, matched
 * against the whole value.
 */
public enum NamedFormat {
    /**
     * An e-mail address as HTML's {@code input type=email} accepts it: a local part of letters, digits and
     * {@code .!#$%&'*+/=?^_`{|}~-}, an {@code @}, and at least two dot-separated domain labels of letters, digits and
     * inner hyphens (at most 63 characters each).
     */
    EMAIL("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
            + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+"),
    /** A UUID in its canonical 8-4-4-4-12 hexadecimal form, either case; any version. */
    UUID("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"),
    /**
     * A calendar date as ISO 8601 {@code YYYY-MM-DD}; the date must also exist ({@code 2023-02-29} fails), which the
     * compiler checks beside the pattern.
     */
    ISO_DATE("[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"),
    /**
     * An absolute {@code http} or {@code https} URL (scheme in any case): a host of letters, digits, dots and hyphens,
     * an optional port, and an optional path, query or fragment without whitespace.
     */
    URL("(?i:https?)://[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]{1,5})?(?:[/?#][^\\s]*)?");

    private final String pattern;

    NamedFormat(String pattern) {
        this.pattern = pattern;
    }

    /** The pattern a value must match as a whole. */
    public String pattern() {
        return pattern;
    }

    /** The spelling used in rule-set YAML, e.g. {@code iso_date}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format spelled {@code yamlName} in YAML; the spelling is exact (lower case). */
    public static Optional<NamedFormat> fromYamlName(String yamlName) {
        return Arrays.stream(values()).filter(f -> f.yamlName().equals(yamlName)).findFirst();
    }
}
