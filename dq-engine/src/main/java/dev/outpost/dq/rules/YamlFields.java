package dev.outpost.dq.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The entries of one YAML mapping with typed accessors. An accessor that finds a problem reports it, with the
 * position of the offending node, and returns {@code null}; callers build their result only when no problem was
 * reported, so one pass finds every problem.
 */
final class YamlFields {

    private final MappingNode mapping;
    private final String path;
    private final String owner;
    private final Problems problems;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    /**
     * @param path the mapping's path, e.g. {@code checks[2]}; empty for the document
     * @param owner how messages name the mapping, e.g. {@code check 'id-present'}
     */
    YamlFields(MappingNode mapping, String path, String owner, Problems problems) {
        this.mapping = mapping;
        this.path = path;
        this.owner = owner;
        this.problems = problems;
        for (NodeTuple entry : mapping.getValue()) {
            if (!(entry.getKeyNode() instanceof ScalarNode key)) {
                problems.add(entry.getKeyNode(), path, "keys in " + owner + " must be plain words, not "
                        + kindOf(entry.getKeyNode()));
            } else if (entries.putIfAbsent(key.getValue(), entry) != null) {
                problems.add(key, pathOf(key.getValue()), "key '" + key.getValue() + "' appears more than once in "
                        + owner + "; keep only one");
            }
        }
    }

    String owner() {
        return owner;
    }

    /** Where this mapping's problems are collected, for reading a nested mapping with its own fields. */
    Problems problems() {
        return problems;
    }

    /** The path of one of this mapping's keys, e.g. {@code checks[2].pattern}. */
    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    /** The value node of {@code key}, or {@code null} when the key is absent. */
    Node value(String key) {
        NodeTuple entry = entries.get(key);
        return entry == null ? null : entry.getValueNode();
    }

    /** Reports a problem at the value of {@code key}, which must be present. */
    void problem(String key, String message) {
        problems.add(value(key), pathOf(key), message);
    }

    /** Reports every key not in {@code allowed}, suggesting the allowed key it most likely misspells. */
    void rejectUnknownKeys(Collection<String> allowed) {
        for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
            String key = entry.getKey();
            if (!allowed.contains(key)) {
                String hint = Suggestions.closest(key, allowed)
                        .map(suggestion -> "; did you mean '" + suggestion + "'?")
                        .orElse("; allowed keys are " + String.join(", ", allowed));
                problems.add(entry.getValue().getKeyNode(), pathOf(key), "unknown key '" + key + "' in " + owner
                        + hint);
            }
        }
    }

    /** A non-empty scalar, reporting a problem when it is absent. */
    String requiredText(String key) {
        if (!has(key)) {
            problems.add(mapping, pathOf(key), owner + " is missing required key '" + key + "'");
            return null;
        }
        return optionalText(key);
    }

    /** A non-empty scalar, or {@code null} when absent. */
    String optionalText(String key) {
        Node node = value(key);
        if (node == null) {
            return null;
        }
        if (!(node instanceof ScalarNode scalar) || scalar.getTag().equals(Tag.NULL)) {
            problem(key, "'" + key + "' in " + owner + " must be a single value, not " + kindOf(node));
            return null;
        }
        return scalar.getValue();
    }

    /**
     * A non-empty list of non-empty scalars, taken as written, reporting a problem when it is absent.
     *
     * @param distinct whether listing an item twice is a problem
     */
    List<String> requiredTextList(String key, boolean distinct) {
        if (!has(key)) {
            problems.add(mapping, pathOf(key), owner + " is missing required key '" + key + "'");
            return null;
        }
        if (!(value(key) instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
            problem(key, "'" + key + "' in " + owner + " must be a non-empty list, e.g. [a, b], not "
                    + kindOf(value(key)));
            return null;
        }
        List<String> items = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int before = problems.count();
        for (int i = 0; i < sequence.getValue().size(); i++) {
            Node item = sequence.getValue().get(i);
            String itemPath = pathOf(key) + "[" + i + "]";
            if (!(item instanceof ScalarNode scalar) || scalar.getTag().equals(Tag.NULL)) {
                problems.add(item, itemPath, "items of '" + key + "' in " + owner + " must be single values, not "
                        + kindOf(item) + (item instanceof ScalarNode
                                ? "; nulls are never checked against a list (use a not_null check)" : ""));
            } else if (!seen.add(scalar.getValue()) && distinct) {
                problems.add(item, itemPath, "'" + scalar.getValue() + "' is listed more than once in '" + key
                        + "' of " + owner + "; list it once");
            } else {
                items.add(scalar.getValue());
            }
        }
        return problems.count() == before ? items : null;
    }

    /** A finite number, or {@code null} when absent. */
    BigDecimal optionalNumber(String key) {
        Node node = value(key);
        if (node == null) {
            return null;
        }
        if (node instanceof ScalarNode scalar && isNumber(scalar)) {
            try {
                // YAML 1.1 allows '_' as a digit separator.
                return new BigDecimal(scalar.getValue().replace("_", ""));
            } catch (NumberFormatException notDecimal) {
                problem(key, "'" + key + "' in " + owner + " must be a finite decimal number such as 12 or 0.5, not '"
                        + scalar.getValue() + "'");
                return null;
            }
        }
        problem(key, "'" + key + "' in " + owner + " must be a number, not " + kindOf(node)
                + (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.STR) ? " (remove any quotes)" : ""));
        return null;
    }

    /** A non-negative whole number, or {@code null} when absent. */
    Long optionalCount(String key) {
        BigDecimal number = optionalNumber(key);
        if (number == null) {
            return null;
        }
        boolean whole = number.signum() >= 0 && number.stripTrailingZeros().scale() <= 0
                && number.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0;
        if (whole) {
            return number.longValueExact();
        }
        problem(key, "'" + key + "' in " + owner + " must be a whole number of 0 or more, not "
                + number.toPlainString());
        return null;
    }

    /**
     * {@code text}, the value of {@code key}, parsed as a condition; a problem is reported at the offending character
     * when the value is written on one line, else at the value.
     */
    RowExpression expression(String key, String text) {
        try {
            return RowExpressionParser.parseCondition(text);
        } catch (InvalidExpressionException invalid) {
            ScalarNode node = (ScalarNode) value(key);
            org.yaml.snakeyaml.error.Mark start = node.getStartMark();
            boolean oneLine = node.getStartMark().getLine() == node.getEndMark().getLine();
            int quote = node.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN ? 0 : 1;
            // Positions inside a quoted scalar shift where YAML escapes were written; plain and simply quoted
            // values (the usual case) map one to one.
            int column = oneLine ? start.getColumn() + quote + invalid.offset() : start.getColumn();
            problems.add(new org.yaml.snakeyaml.error.Mark(start.getName(), start.getIndex(), start.getLine(),
                    column, start.getBuffer(), start.getPointer()), pathOf(key), "'" + key + "' in " + owner
                    + " is not a valid expression: " + invalid.getMessage() + " (at character "
                    + (invalid.offset() + 1) + ")");
            return null;
        }
    }

    /** Reports a range without either bound, or whose {@code min} is greater than its {@code max}. */
    void requireBounds(BigDecimal min, BigDecimal max) {
        if (!has("min") && !has("max")) {
            problems.add(mapping, pathOf("min"), owner + " needs 'min', 'max' or both");
        } else if (min != null && max != null && min.compareTo(max) > 0) {
            problem("min", "'min' (" + min.toPlainString() + ") is greater than 'max' (" + max.toPlainString()
                    + ") in " + owner + "; swap them");
        }
    }

    private static boolean isNumber(ScalarNode scalar) {
        return scalar.getTag().equals(Tag.INT) || scalar.getTag().equals(Tag.FLOAT);
    }

    /** How messages describe a node of the wrong kind. */
    static String kindOf(Node node) {
        return switch (node) {
            case MappingNode mapping -> "a mapping";
            case SequenceNode sequence -> sequence.getValue().isEmpty() ? "an empty list" : "a list";
            case ScalarNode scalar when scalar.getTag().equals(Tag.NULL) -> "empty";
            case ScalarNode scalar -> "'" + scalar.getValue() + "'";
            default -> "an unexpected YAML node";
        };
    }
}
