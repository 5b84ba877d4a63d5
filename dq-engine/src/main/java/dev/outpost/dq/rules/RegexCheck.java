package dev.outpost.dq.rules;

import java.util.List;
import java.util.Objects;

/**
 * Fails every row whose {@code column}, as text, is not null and does not match the whole {@code pattern}.
 *
 * @param name the check's name, unique within its rule set
 * @param dimension the dimension its score counts towards
 * @param column the column whose values are matched
 * @param pattern a regular expression in the syntax Java and RE2 share, matched against the whole value
 */
public record RegexCheck(String name, Dimension dimension, String column, String pattern) implements Check {

    public static final String TYPE = "regex";
    public static final Dimension DEFAULT_DIMENSION = Dimension.VALIDITY;

    public RegexCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dimension, "dimension");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(pattern, "pattern");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<String> columns() {
        return List.of(column);
    }
}
