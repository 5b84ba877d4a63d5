package dev.outpost.resultsreader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.outpost.edge.InteractiveException;
import dev.outpost.proto.interactive.v1.FilterOperator;
import dev.outpost.proto.interactive.v1.Row;
import dev.outpost.proto.interactive.v1.RowFilter;
import dev.outpost.proto.interactive.v1.SortKey;

class RowSelectionTest {

    private static final List<String> COLUMNS = List.of("id", "amount", "email");
    /** Ids in stored order; amount is numeric except in {@link #MIXED}; null written as null. */
    private static final List<Row> ROWS = List.of(
            row("1", "10", "Ann@Example.com"),
            row("2", "9.5", null),
            row("3", null, "bob@example.com"),
            row("4", "100", "carl@test.org"),
            row("5", "9.5", "dee@example.com"));

    @Test
    void sortsANumericColumnAsNumbersWithNullsLastInBothDirections() {
        assertThat(ids(RowSelection.select(COLUMNS, ROWS, List.of(), List.of(sort("amount", false)))))
                .as("9.5 < 10 < 100 as numbers; ties keep stored order").containsExactly("2", "5", "1", "4", "3");
        assertThat(ids(RowSelection.select(COLUMNS, ROWS, List.of(), List.of(sort("amount", true)))))
                .containsExactly("4", "1", "2", "5", "3");
    }

    @Test
    void sortsAColumnWithAnyNonNumberAsText() {
        List<Row> mixed = List.of(row("1", "10", "x"), row("2", "9", "x"), row("3", "n/a", "x"));

        assertThat(ids(RowSelection.select(COLUMNS, mixed, List.of(), List.of(sort("amount", false)))))
                .as("as text, \"10\" < \"9\" < \"n/a\"").containsExactly("1", "2", "3");
    }

    @Test
    void breaksTiesWithTheNextSortKey() {
        assertThat(ids(RowSelection.select(COLUMNS, ROWS, List.of(),
                List.of(sort("amount", false), sort("id", true))))).containsExactly("5", "2", "1", "4", "3");
    }

    @Test
    void filtersWithEveryOperatorAndCombinesFiltersWithAnd() {
        assertThat(ids(RowSelection.select(COLUMNS, ROWS, List.of(filter("amount", FilterOperator.FILTER_OPERATOR_EQUALS,
                "9.5")), List.of()))).containsExactly("2", "5");
        assertThat(ids(RowSelection.select(COLUMNS, ROWS, List.of(filter("email",
                FilterOperator.FILTER_OPERATOR_CONTAINS, "EXAMPLE")), List.of())))
                .as("contains ignores case").containsExactly("1", "3", "5");
        assertThat(ids(RowSelection.select(COLUMNS, ROWS, List.of(filter("email",
                FilterOperator.FILTER_OPERATOR_IS_NULL, "")), List.of()))).containsExactly("2");
        assertThat(ids(RowSelection.select(COLUMNS, ROWS, List.of(
                filter("email", FilterOperator.FILTER_OPERATOR_IS_NOT_NULL, ""),
                filter("amount", FilterOperator.FILTER_OPERATOR_IS_NOT_NULL, "")), List.of())))
                .containsExactly("1", "4", "5");
    }

    @Test
    void namesTheUnknownColumnAndListsTheKnownOnes() {
        assertThatThrownBy(() -> RowSelection.select(COLUMNS, ROWS,
                List.of(filter("mail", FilterOperator.FILTER_OPERATOR_EQUALS, "x")), List.of()))
                .isInstanceOfSatisfying(InteractiveException.class, e -> assertThat(e.code())
                        .isEqualTo(InteractiveException.INVALID_REQUEST))
                .hasMessageContaining("'mail'").hasMessageContaining("id, amount, email");
        assertThatThrownBy(() -> RowSelection.select(COLUMNS, ROWS, List.of(), List.of(sort("Amount", false))))
                .hasMessageContaining("sort key names column 'Amount'");
        assertThatThrownBy(() -> RowSelection.select(COLUMNS, ROWS,
                List.of(filter("id", FilterOperator.FILTER_OPERATOR_UNSPECIFIED, "1")), List.of()))
                .hasMessageContaining("no operator");
    }

    private static Row row(String... values) {
        Row.Builder row = Row.newBuilder();
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                row.addNulls(i);
            }
            row.addValues(values[i] == null ? "" : values[i]);
        }
        return row.build();
    }

    private static List<String> ids(List<Row> rows) {
        return rows.stream().map(row -> row.getValues(0)).toList();
    }

    private static SortKey sort(String column, boolean descending) {
        return SortKey.newBuilder().setColumn(column).setDescending(descending).build();
    }

    private static RowFilter filter(String column, FilterOperator operator, String value) {
        return RowFilter.newBuilder().setColumn(column).setOperator(operator).setValue(value).build();
    }
}
