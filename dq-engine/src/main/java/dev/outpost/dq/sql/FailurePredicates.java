package dev.outpost.dq.sql;

import dev.outpost.dq.rules.AllowedValuesCheck;
import dev.outpost.dq.rules.BetweenCheck;
import dev.outpost.dq.rules.Check;
import dev.outpost.dq.rules.ExpressionCheck;
import dev.outpost.dq.rules.RowExpression;
import dev.outpost.dq.rules.FormatCheck;
import dev.outpost.dq.rules.FreshnessCheck;
import dev.outpost.dq.rules.LengthCheck;
import dev.outpost.dq.rules.MetricCheck;
import dev.outpost.dq.rules.NamedFormat;
import dev.outpost.dq.rules.NotNullCheck;
import dev.outpost.dq.rules.ReferenceCheck;
import dev.outpost.dq.rules.RegexCheck;
import dev.outpost.dq.rules.RowCountCheck;
import dev.outpost.dq.rules.SchemaCheck;
import dev.outpost.dq.rules.UniqueCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The failure predicate of each check type (see the package documentation for their meaning). */
final class FailurePredicates {

    private final SqlDialect dialect;
    private final ExpressionSql expressions;
    private final Map<String, String> references;

    /** @param references the FROM-clause item of each reference source, by name */
    FailurePredicates(SqlDialect dialect, Map<String, String> references) {
        this.dialect = dialect;
        this.expressions = new ExpressionSql(dialect);
        this.references = Map.copyOf(references);
    }

    /** The predicate true for each row the filter admits: false where the filter is false or null. */
    String admitted(RowExpression filter) {
        return "coalesce(" + expressions.condition(filter) + ", FALSE)";
    }

    /**
     * The predicate true for each row that {@code check} looks at and that fails it; empty for checks on the data set
     * as a whole.
     */
    Optional<String> of(Check check, Optional<RowExpression> filter) {
        if (check instanceof UniqueCheck unique) {
            return Optional.of(duplicated(unique, filter.map(this::admitted)));
        }
        return of(check).map(predicate -> filter.map(f -> admitted(f) + " AND (" + predicate + ")").orElse(predicate));
    }

    private Optional<String> of(Check check) {
        return switch (check) {
            case NotNullCheck notNull -> Optional.of(column(notNull.column()) + " IS NULL");
            case RegexCheck regex -> Optional.of(presentAnd(regex.column(),
                    "NOT " + dialect.regexFullMatch(dialect.castToText(column(regex.column())), regex.pattern())));
            case BetweenCheck between -> Optional.of(presentAnd(between.column(), outOfRange(between)));
            case AllowedValuesCheck allowed -> Optional.of(presentAnd(allowed.column(),
                    dialect.castToText(column(allowed.column())) + " NOT IN (" + allowed.values().stream()
                            .map(dialect::stringLiteral).collect(Collectors.joining(", ")) + ")"));
            case UniqueCheck unique -> Optional.of(duplicated(unique, Optional.empty()));
            case ExpressionCheck expression -> Optional.of("NOT coalesce(" + expressions.condition(
                    expression.condition()) + ", TRUE)");
            case LengthCheck length -> Optional.of(presentAnd(length.column(), outOfLength(length)));
            case FormatCheck format -> Optional.of(presentAnd(format.column(), notInFormat(format)));
            case ReferenceCheck reference -> Optional.of(presentAnd(reference.column(), notReferenced(reference)));
            case RowCountCheck rowCount -> Optional.empty();
            case FreshnessCheck freshness -> Optional.empty();
            case MetricCheck metric -> Optional.empty();
            case SchemaCheck schema -> Optional.empty();
        };
    }

    /**
     * The value a check on the whole data set takes from the scan; empty for row-level checks and for checks that
     * need no scan.
     */
    Optional<Measure> measureOf(Check check, Optional<RowExpression> filter) {
        return switch (check) {
            case FreshnessCheck freshness -> Optional.of(new Measure(
                    whenPresent(freshness.column(), filter, dialect.tryCastToInstant(column(freshness.column()))),
                    values -> dialect.epochMillis("max(" + values + ")")));
            case MetricCheck metric -> Optional.of(new Measure(
                    whenPresent(metric.column(), filter, dialect.tryCastToNumber(column(metric.column()))),
                    values -> dialect.aggregate(metric.metric(), values, metric.percentile().orElse(null))));
            default -> Optional.empty();
        };
    }

    /**
     * {@code value} for rows where {@code column} is not null. Besides saying what is meant, naming the column on its
     * own keeps DuckDB from pushing a lone TRY_CAST into its CSV reader, which then fails on the first value that does
     * not convert instead of yielding null.
     */
    private String whenPresent(String column, Optional<RowExpression> filter, String value) {
        return "CASE WHEN " + filter.map(f -> admitted(f) + " AND ").orElse("") + column(column)
                + " IS NOT NULL THEN " + value + " END";
    }

    private String outOfLength(LengthCheck length) {
        String characters = dialect.textLength(dialect.castToText(column(length.column())));
        List<String> failures = new ArrayList<>();
        length.min().ifPresent(min -> failures.add(characters + " < " + min));
        length.max().ifPresent(max -> failures.add(characters + " > " + max));
        return "(" + String.join(" OR ", failures) + ")";
    }

    private String notInFormat(FormatCheck format) {
        String text = dialect.castToText(column(format.column()));
        String mismatch = "NOT " + dialect.regexFullMatch(text, format.format().pattern());
        // The pattern admits 2023-02-31; the cast rejects dates that do not exist.
        return format.format() == NamedFormat.ISO_DATE
                ? "(" + mismatch + " OR " + dialect.tryCastToDate(text) + " IS NULL)"
                : mismatch;
    }

    /**
     * An uncorrelated IN over the reference's distinct values, which both engines run as one hash lookup per row; the
     * reference column is qualified so that it can never bind to a column of the checked relation.
     */
    private String notReferenced(ReferenceCheck reference) {
        String relation = references.get(reference.source());
        if (relation == null) {
            throw new IllegalArgumentException("check '" + reference.name() + "' reads reference source '"
                    + reference.source() + "', which was not supplied");
        }
        String known = "reference_values." + column(reference.sourceColumn());
        return "NOT coalesce(" + dialect.castToText(column(reference.column())) + " IN (SELECT "
                + dialect.castToText(known) + " FROM " + relation + " AS reference_values WHERE " + known
                + " IS NOT NULL), FALSE)";
    }

    private String outOfRange(BetweenCheck between) {
        String number = dialect.tryCastToNumber(column(between.column()));
        List<String> failures = new ArrayList<>();
        failures.add(number + " IS NULL");
        between.min().ifPresent(min -> failures.add(number + " < " + dialect.numberLiteral(min)));
        between.max().ifPresent(max -> failures.add(number + " > " + dialect.numberLiteral(max)));
        return "(" + String.join(" OR ", failures) + ")";
    }

    private String duplicated(UniqueCheck unique, Optional<String> admitted) {
        return duplicatedOver(unique.columns().stream().map(this::column).toList(), admitted);
    }

    /**
     * The predicate of a {@code unique} check over key expressions (quoted columns, or the names a subquery gives
     * them) and the expression of its filter, if any.
     */
    static String duplicatedOver(List<String> keys, Optional<String> admitted) {
        // Nulls share a partition, so rows with a null key are excluded explicitly: null is not a duplicate value.
        // With a filter only admitted rows count as occurrences, and only they can fail.
        String occurrences = admitted.map(a -> "sum(CASE WHEN " + a + " THEN 1 ELSE 0 END)").orElse("count(*)");
        return admitted.map(a -> a + " AND ").orElse("")
                + occurrences + " OVER (PARTITION BY " + String.join(", ", keys) + ") > 1"
                + keys.stream().map(key -> " AND " + key + " IS NOT NULL").collect(Collectors.joining());
    }

    private String presentAnd(String column, String failure) {
        return column(column) + " IS NOT NULL AND " + failure;
    }

    private String column(String name) {
        return dialect.quoteIdentifier(name);
    }
}
