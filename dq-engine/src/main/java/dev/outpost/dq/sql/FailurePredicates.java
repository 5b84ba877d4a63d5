package dev.outpost.dq.sql;

import dev.outpost.dq.rules.AllowedValuesCheck;
import dev.outpost.dq.rules.BetweenCheck;
import dev.outpost.dq.rules.Check;
import dev.outpost.dq.rules.NotNullCheck;
import dev.outpost.dq.rules.RegexCheck;
import dev.outpost.dq.rules.RowCountCheck;
import dev.outpost.dq.rules.UniqueCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The failure predicate of each check type (see the package documentation for their meaning). */
final class FailurePredicates {

    private final SqlDialect dialect;

    FailurePredicates(SqlDialect dialect) {
        this.dialect = dialect;
    }

    /** The predicate true for each row that fails {@code check}; empty for checks on the data set as a whole. */
    Optional<String> of(Check check) {
        return switch (check) {
            case NotNullCheck notNull -> Optional.of(column(notNull.column()) + " IS NULL");
            case RegexCheck regex -> Optional.of(presentAnd(regex.column(),
                    "NOT " + dialect.regexFullMatch(dialect.castToText(column(regex.column())), regex.pattern())));
            case BetweenCheck between -> Optional.of(presentAnd(between.column(), outOfRange(between)));
            case AllowedValuesCheck allowed -> Optional.of(presentAnd(allowed.column(),
                    dialect.castToText(column(allowed.column())) + " NOT IN (" + allowed.values().stream()
                            .map(dialect::stringLiteral).collect(Collectors.joining(", ")) + ")"));
            case UniqueCheck unique -> Optional.of(duplicated(unique));
            case RowCountCheck rowCount -> Optional.empty();
        };
    }

    private String outOfRange(BetweenCheck between) {
        String number = dialect.tryCastToNumber(column(between.column()));
        List<String> failures = new ArrayList<>();
        failures.add(number + " IS NULL");
        between.min().ifPresent(min -> failures.add(number + " < " + dialect.numberLiteral(min)));
        between.max().ifPresent(max -> failures.add(number + " > " + dialect.numberLiteral(max)));
        return "(" + String.join(" OR ", failures) + ")";
    }

    private String duplicated(UniqueCheck unique) {
        String keys = unique.columns().stream().map(this::column).collect(Collectors.joining(", "));
        // Nulls share a partition, so rows with a null key are excluded explicitly: null is not a duplicate value.
        return "count(*) OVER (PARTITION BY " + keys + ") > 1"
                + unique.columns().stream()
                        .map(key -> " AND " + column(key) + " IS NOT NULL")
                        .collect(Collectors.joining());
    }

    private String presentAnd(String column, String failure) {
        return column(column) + " IS NOT NULL AND " + failure;
    }

    private String column(String name) {
        return dialect.quoteIdentifier(name);
    }
}
