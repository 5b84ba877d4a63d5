package dev.outpost.dq.rules;

import java.util.List;

/**
 * One check of a rule set. Each type is a record; the set of types is closed so that compiling a check to SQL is an
 * exhaustive {@code switch} and a new type cannot be forgotten there.
 */
public sealed interface Check permits NotNullCheck, UniqueCheck, RegexCheck, BetweenCheck, AllowedValuesCheck,
        RowCountCheck, LengthCheck, FormatCheck, FreshnessCheck, MetricCheck, SchemaCheck,
        ExpressionCheck, ReferenceCheck {

    /** The check's name, unique within its rule set. */
    String name();

    /** The check's type as written in YAML, e.g. {@code not_null}. */
    String type();

    /** The dimension the check's score counts towards. */
    Dimension dimension();

    /** The data-set columns the check reads, in rule-set order; empty for checks on the whole data set. */
    List<String> columns();
}
