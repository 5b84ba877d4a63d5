package dev.outpost.resultsreader;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import dev.outpost.edge.InteractiveException;
import dev.outpost.proto.interactive.v1.RowFilter;
import dev.outpost.proto.interactive.v1.SortKey;
import dev.outpost.proto.interactive.v1.Row;

/**
 * Filters and orders decrypted sample rows in memory (samples are capped per check, so a whole check's rows fit). A
 * column is sorted as numbers when every non-null value it holds among the stored rows parses as a decimal number,
 * else as text by Unicode code point; nulls come last in either direction, and rows equal on every key keep their
 * stored order.
 */
final class RowSelection {

    private RowSelection() {
    }

    /**
     * The rows matching every filter, in the order of the sort keys.
     *
     * @throws InteractiveException INVALID_REQUEST for a filter or sort key on an unknown column or without operator
     */
    static List<Row> select(List<String> columns, List<Row> rows, List<RowFilter> filters, List<SortKey> sort) {
        Predicate<Row> matches = row -> true;
        for (RowFilter filter : filters) {
            matches = matches.and(predicate(columns, filter));
        }
        List<Row> selected = new ArrayList<>(rows.stream().filter(matches).toList());
        if (!sort.isEmpty()) {
            Comparator<Row> order = null;
            for (SortKey key : sort) {
                Comparator<Row> byKey = comparator(columns, rows, key);
                order = order == null ? byKey : order.thenComparing(byKey);
            }
            // List.sort is stable: ties keep the stored (scan) order.
            selected.sort(order);
        }
        return selected;
    }

    private static Predicate<Row> predicate(List<String> columns, RowFilter filter) {
        int index = columnIndex(columns, filter.getColumn(), "filter");
        String value = filter.getValue();
        return switch (filter.getOperator()) {
            case FILTER_OPERATOR_EQUALS -> row -> !isNull(row, index) && row.getValues(index).equals(value);
            case FILTER_OPERATOR_CONTAINS -> {
                String needle = value.toLowerCase(Locale.ROOT);
                yield row -> !isNull(row, index) && row.getValues(index).toLowerCase(Locale.ROOT).contains(needle);
            }
            case FILTER_OPERATOR_IS_NULL -> row -> isNull(row, index);
            case FILTER_OPERATOR_IS_NOT_NULL -> row -> !isNull(row, index);
            case FILTER_OPERATOR_UNSPECIFIED, UNRECOGNIZED -> throw InteractiveException.invalidRequest("The filter on "
                    + "column '" + filter.getColumn() + "' has no operator: use equals, contains, is_null or "
                    + "is_not_null");
        };
    }

    private static Comparator<Row> comparator(List<String> columns, List<Row> rows, SortKey key) {
        int index = columnIndex(columns, key.getColumn(), "sort key");
        boolean numeric = rows.stream().filter(row -> !isNull(row, index))
                .allMatch(row -> number(row.getValues(index)) != null);
        Comparator<String> values = numeric
                ? Comparator.comparing(RowSelection::number)
                : RowSelection::compareCodePoints;
        if (key.getDescending()) {
            values = values.reversed();
        }
        Comparator<String> nullsLast = Comparator.nullsLast(values);
        return Comparator.comparing(row -> isNull(row, index) ? null : row.getValues(index), nullsLast);
    }

    private static int columnIndex(List<String> columns, String column, String what) {
        int index = columns.indexOf(column);
        if (index < 0) {
            throw InteractiveException.invalidRequest("The " + what + " names column '" + column + "', which the "
                    + "failing rows do not have; their columns are: " + String.join(", ", columns));
        }
        return index;
    }

    private static boolean isNull(Row row, int index) {
        return row.getNullsList().contains(index);
    }

    /** The value as a number, or null when it is not one. */
    private static BigDecimal number(String value) {
        try {
            return new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int left = a.codePointAt(i);
            int right = b.codePointAt(j);
            if (left != right) {
                return Integer.compare(left, right);
            }
            i += Character.charCount(left);
            j += Character.charCount(right);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
