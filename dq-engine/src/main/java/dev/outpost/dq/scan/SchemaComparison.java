package dev.outpost.dq.scan;

import dev.outpost.dq.rules.SchemaCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Compares a data set's columns with what a {@link SchemaCheck} expects. */
final class SchemaComparison {

    private SchemaComparison() {
    }

    /** Every difference, in rule-set order, joined into one sentence; empty when the schema fits. */
    static String problems(SchemaCheck check, List<Column> schema) {
        List<String> problems = new ArrayList<>();
        for (String required : check.requiredColumns()) {
            if (find(schema, required).isEmpty()) {
                problems.add("column '" + required + "' is missing");
            }
        }
        for (Map.Entry<String, String> expected : check.columnTypes().entrySet()) {
            Optional<Column> column = find(schema, expected.getKey());
            if (column.isEmpty()) {
                if (!check.requiredColumns().contains(expected.getKey())) {
                    problems.add("column '" + expected.getKey() + "' is missing");
                }
            } else if (!normalized(column.get().type()).equals(normalized(expected.getValue()))) {
                problems.add("column '" + expected.getKey() + "' is " + column.get().type() + ", not "
                        + expected.getValue());
            }
        }
        return String.join("; ", problems);
    }

    private static Optional<Column> find(List<Column> schema, String name) {
        return schema.stream().filter(column -> column.name().equals(name)).findFirst();
    }

    private static String normalized(String type) {
        return type.replace(" ", "").toUpperCase(Locale.ROOT);
    }
}
