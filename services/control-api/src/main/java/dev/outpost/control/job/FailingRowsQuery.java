package dev.outpost.control.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.outpost.control.error.InvalidInputException;
import dev.outpost.proto.interactive.v1.FilterOperator;
import dev.outpost.proto.interactive.v1.RowFilter;
import dev.outpost.proto.interactive.v1.SortKey;

/**
 * The filters and sort keys of a failing-rows request, from REST's query parameters
 * ({@code filter=column:operator[:value]}, {@code sort=[-]column}) or from gRPC, checked before anything is sent to
 * the edge. Whether a column exists only the edge knows: it answers an unknown column with the list of columns. Error
 * messages never repeat a filter's value: it may be a data value.
 *
 * @param filters   only rows matching every filter
 * @param sort      the order before paging
 * @param presigned whether the edge should hand back a pre-signed URL instead of rows
 */
record FailingRowsQuery(List<RowFilter> filters, List<SortKey> sort, boolean presigned) {

    /** At most this many filters, and as many sort keys, per request. */
    static final int MAX_TERMS = 20;

    private static final Map<String, FilterOperator> OPERATORS = Map.of(
            "equals", FilterOperator.FILTER_OPERATOR_EQUALS,
            "contains", FilterOperator.FILTER_OPERATOR_CONTAINS,
            "is_null", FilterOperator.FILTER_OPERATOR_IS_NULL,
            "is_not_null", FilterOperator.FILTER_OPERATOR_IS_NOT_NULL);

    FailingRowsQuery {
        if (filters.size() > MAX_TERMS || sort.size() > MAX_TERMS) {
            throw new InvalidInputException("At most " + MAX_TERMS + " filters and " + MAX_TERMS
                    + " sort keys per request; this one has " + filters.size() + " and " + sort.size());
        }
        filters.forEach(FailingRowsQuery::check);
        for (SortKey key : sort) {
            if (key.getColumn().isBlank()) {
                throw new InvalidInputException("A sort key names no column: give a column name (prefix it with - to "
                        + "sort largest first)");
            }
        }
    }

    /**
     * From REST query parameters.
     *
     * @param filters   {@code column:operator[:value]}, operator one of equals, contains, is_null, is_not_null; the
     *                  value is everything after the second colon
     * @param sort      {@code column} (smallest first) or {@code -column} (largest first)
     * @param presigned {@code true}, {@code false} or null (false)
     */
    static FailingRowsQuery fromRest(List<String> filters, List<String> sort, String presigned) {
        List<RowFilter> parsedFilters = new ArrayList<>();
        for (String filter : filters) {
            parsedFilters.add(parseFilter(filter));
        }
        List<SortKey> parsedSort = new ArrayList<>();
        for (String key : sort) {
            boolean descending = key.startsWith("-");
            parsedSort.add(SortKey.newBuilder().setColumn(descending ? key.substring(1) : key)
                    .setDescending(descending).build());
        }
        return new FailingRowsQuery(parsedFilters, parsedSort, parseBoolean(presigned));
    }

    private static RowFilter parseFilter(String filter) {
        String[] parts = filter.split(":", 3);
        if (parts.length < 2 || parts[0].isBlank()) {
            throw new InvalidInputException("A filter is not column:operator[:value], e.g. "
                    + "filter=email:contains:example.com or filter=email:is_null");
        }
        FilterOperator operator = OPERATORS.get(parts[1].toLowerCase(Locale.ROOT));
        if (operator == null) {
            throw new InvalidInputException("The filter on column '" + parts[0] + "' has operator '" + parts[1]
                    + "'; use one of equals, contains, is_null, is_not_null");
        }
        RowFilter.Builder parsed = RowFilter.newBuilder().setColumn(parts[0]).setOperator(operator);
        boolean needsValue = needsValue(operator);
        if (needsValue && parts.length < 3) {
            throw new InvalidInputException("The filter on column '" + parts[0] + "' needs a value: "
                    + parts[0] + ":" + parts[1] + ":<value>");
        }
        if (!needsValue && parts.length == 3) {
            throw new InvalidInputException("The filter on column '" + parts[0] + "' tests for null and takes no "
                    + "value; write " + parts[0] + ":" + parts[1]);
        }
        return parsed.setValue(needsValue ? parts[2] : "").build();
    }

    private static void check(RowFilter filter) {
        if (filter.getColumn().isBlank()) {
            throw new InvalidInputException("A filter names no column: give the column to compare");
        }
        if (filter.getOperator() == FilterOperator.FILTER_OPERATOR_UNSPECIFIED
                || filter.getOperator() == FilterOperator.UNRECOGNIZED) {
            throw new InvalidInputException("The filter on column '" + filter.getColumn() + "' has no operator: use "
                    + "equals, contains, is_null or is_not_null");
        }
        if (!needsValue(filter.getOperator()) && !filter.getValue().isEmpty()) {
            throw new InvalidInputException("The filter on column '" + filter.getColumn() + "' tests for null and "
                    + "takes no value");
        }
    }

    private static boolean needsValue(FilterOperator operator) {
        return operator == FilterOperator.FILTER_OPERATOR_EQUALS || operator == FilterOperator.FILTER_OPERATOR_CONTAINS;
    }

    private static boolean parseBoolean(String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new InvalidInputException("presigned is '" + value + "': use true or false");
    }
}
