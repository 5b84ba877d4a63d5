package dev.outpost.dq.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RuleSetParserTest {

    @Test
    void parsesEveryCheckTypeWithDefaultAndOverriddenDimensions() {
        RuleSet ruleSet = RuleSetParser.parse("""
                checks:
                  - name: id-present
                    type: not_null
                    column: id
                    dimension: accuracy
                  - name: id-unique
                    type: unique
                    columns: [id, "tenant"]
                  - name: email-format
                    type: regex
                    column: email
                    pattern: '^[^@ ]+@[^@ ]+\\.[a-z]{2,}$'
                  - name: age-range
                    type: between
                    column: age
                    min: 0
                    max: 120.5
                  - name: country-known
                    type: allowed_values
                    column: country
                    values: [DE, FR, 01, no]
                  - name: enough-rows
                    type: row_count
                    min: 100
                """);

        assertThat(ruleSet.checks()).containsExactly(
                new NotNullCheck("id-present", Dimension.ACCURACY, "id"),
                new UniqueCheck("id-unique", Dimension.UNIQUENESS, List.of("id", "tenant")),
                new RegexCheck("email-format", Dimension.VALIDITY, "email", "^[^@ ]+@[^@ ]+\\.[a-z]{2,}$"),
                new BetweenCheck("age-range", Dimension.VALIDITY, "age", Optional.of(BigDecimal.ZERO),
                        Optional.of(new BigDecimal("120.5"))),
                new AllowedValuesCheck("country-known", Dimension.VALIDITY, "country", List.of("DE", "FR", "01", "no")),
                new RowCountCheck("enough-rows", Dimension.COMPLETENESS, OptionalLong.of(100), OptionalLong.empty()));
        assertThat(ruleSet.checks()).extracting(Check::type)
                .containsExactly("not_null", "unique", "regex", "between", "allowed_values", "row_count");
    }

    @Test
    void reportsEveryProblemOfADocumentInDocumentOrder() {
        RuleSetInvalidException invalid = rejected("""
                checks:
                  - name: email-format
                    type: regex
                    colum: email
                    pattern: '(abc'
                  - name: email-format
                    type: not_nul
                """);

        assertThat(invalid.problems())
                .extracting(RuleSetProblem::line, RuleSetProblem::column, RuleSetProblem::path)
                .containsExactly(
                        tuple(2, 5, "checks[0].column"),
                        tuple(4, 5, "checks[0].colum"),
                        tuple(5, 14, "checks[0].pattern"),
                        tuple(6, 11, "checks[1].name"),
                        tuple(7, 11, "checks[1].type"));
        assertThat(invalid.getMessage()).isEqualTo("""
                The rule set has 5 problems:
                  line 2, column 5 (checks[0].column): check 'email-format' is missing required key 'column'
                  line 4, column 5 (checks[0].colum): unknown key 'colum' in check 'email-format'; did you mean \
                'column'?
                  line 5, column 14 (checks[0].pattern): 'pattern' in check 'email-format' is not a valid regular \
                expression: Unclosed group at index 4; fix it, and write it in single quotes so YAML keeps \
                backslashes as they are
                  line 6, column 11 (checks[1].name): check name 'email-format' is already used by checks[0] at \
                line 2; give each check its own name
                  line 7, column 11 (checks[1].type): unknown check type 'not_nul'; did you mean 'not_null'?""");
    }

    @Test
    void reportsYamlSyntaxErrorsAtTheirPosition() {
        RuleSetProblem problem = onlyProblem("""
                checks:
                  - name: a
                    type: "not_null
                """);

        assertThat(problem.line()).isEqualTo(4);
        assertThat(problem.column()).isEqualTo(1);
        assertThat(problem.path()).isEmpty();
        assertThat(problem.message()).startsWith("invalid YAML: found unexpected end of stream");
    }

    @Test
    void reportsMisindentedMappingAsSyntaxError() {
        RuleSetProblem problem = onlyProblem("""
                checks:
                  - name: a
                   type: not_null
                """);

        assertThat(problem).extracting(RuleSetProblem::line, RuleSetProblem::column).containsExactly(3, 4);
        assertThat(problem.message()).isEqualTo("invalid YAML: expected <block end>, but found '<block mapping start>'"
                + " (while parsing a block collection); check the indentation and quoting here");
    }

    @Test
    void rejectsAnEmptyDocument() {
        assertThat(onlyProblem("")).isEqualTo(emptyDocumentProblem());
        assertThat(onlyProblem("# nothing but a comment\n")).isEqualTo(emptyDocumentProblem());
    }

    @Test
    void rejectsADocumentThatIsNotAMapping() {
        RuleSetProblem problem = onlyProblem("- name: a\n");

        assertThat(problem).isEqualTo(new RuleSetProblem(1, 1, "",
                "the rule set must be a mapping with a 'checks' list, not a list"));
    }

    @Test
    void suggestsChecksForAMisspelledTopLevelKey() {
        assertThat(rejected("check:\n  - name: a\n").problems())
                .extracting(RuleSetProblem::line, RuleSetProblem::column, RuleSetProblem::path, RuleSetProblem::message)
                .containsExactly(
                        tuple(1, 1, "check", "unknown key 'check' in the rule set; did you mean 'checks'?"),
                        tuple(1, 1, "checks",
                                "the rule set is missing required key 'checks'; list the checks under it"));
    }

    @Test
    void rejectsAnEmptyListOfChecks() {
        assertThat(onlyProblem("checks: []\n")).isEqualTo(new RuleSetProblem(1, 9, "checks",
                "'checks' must be a non-empty list of checks, not an empty list"));
    }

    @Test
    void rejectsACheckThatIsNotAMapping() {
        assertThat(onlyProblem("checks:\n  - id-present\n")).isEqualTo(new RuleSetProblem(2, 5, "checks[0]",
                "each check must be a mapping with at least 'name' and 'type', not 'id-present'"));
    }

    @Test
    void listsTheAllowedKeysWhenAnUnknownKeyIsNoTypo() {
        assertThat(onlyProblem("""
                checks:
                  - name: id-present
                    type: not_null
                    column: id
                    owner: data-team
                """)).isEqualTo(new RuleSetProblem(5, 5, "checks[0].owner",
                "unknown key 'owner' in check 'id-present'; allowed keys are name, type, dimension, severity,"
                        + " filter, group_by, max_groups, max_failed, max_failed_percent, column"));
    }

    @Test
    void rejectsAKeyGivenTwice() {
        assertThat(onlyProblem("""
                checks:
                  - name: id-present
                    type: not_null
                    column: id
                    column: key
                """)).isEqualTo(new RuleSetProblem(5, 5, "checks[0].column",
                "key 'column' appears more than once in check 'id-present'; keep only one"));
    }

    @Test
    void rejectsAListWhereASingleValueBelongs() {
        assertThat(onlyProblem("""
                checks:
                  - name: id-present
                    type: not_null
                    column: [id, key]
                """)).isEqualTo(new RuleSetProblem(4, 13, "checks[0].column",
                "'column' in check 'id-present' must be a single value, not a list"));
    }

    @Test
    void rejectsAnEmptyValueForARequiredKey() {
        assertThat(onlyProblem("""
                checks:
                  - name: id-present
                    type: not_null
                    column:
                """)).extracting(RuleSetProblem::line, RuleSetProblem::path, RuleSetProblem::message)
                .containsExactly(4, "checks[0].column", "'column' in check 'id-present' must be a single value, not empty");
    }

    @Test
    void rejectsNamesOutsideTheAllowedAlphabetAndNamesTheCheckByPosition() {
        RuleSetInvalidException invalid = rejected("""
                checks:
                  - name: Id Present
                    type: not_null
                """);

        assertThat(invalid.problems())
                .extracting(RuleSetProblem::line, RuleSetProblem::column, RuleSetProblem::path, RuleSetProblem::message)
                .containsExactly(
                        tuple(2, 5, "checks[0].column", "check checks[0] is missing required key 'column'"),
                        tuple(2, 11, "checks[0].name", "check name 'Id Present' is invalid: use 1 to 63 lower-case"
                                + " letters, digits, '_' or '-', starting with a letter or digit (e.g. 'email-format')"));
    }

    @Test
    void rejectsANameLongerThan63Characters() {
        String name = "a".repeat(64);
        assertThat(onlyProblem("checks:\n  - {name: " + name + ", type: row_count, min: 1}\n").path())
                .isEqualTo("checks[0].name");
        assertThat(RuleSetParser.parse("checks:\n  - {name: " + name.substring(1) + ", type: row_count, min: 1}\n")
                .checks()).hasSize(1);
    }

    @Test
    void listsKnownTypesForAnUnknownTypeThatIsNoTypo() {
        assertThat(onlyProblem("checks:\n  - {name: ref, type: lookup}\n")).isEqualTo(new RuleSetProblem(2, 23,
                "checks[0].type", "unknown check type 'lookup'; known types are not_null, unique, regex, between,"
                        + " allowed_values, row_count, length, format, freshness, metric, schema, expression,"
                        + " reference"));
    }

    @Test
    void rejectsAnUnknownDimension() {
        assertThat(onlyProblem("""
                checks:
                  - name: id-present
                    type: not_null
                    column: id
                    dimension: Completeness
                """)).isEqualTo(new RuleSetProblem(5, 16, "checks[0].dimension", "unknown dimension 'Completeness';"
                + " use one of completeness, validity, uniqueness, timeliness, consistency, accuracy"));
    }

    @Test
    void rejectsPatternsTheSqlEnginesCannotRun() {
        assertThat(onlyProblem("""
                checks:
                  - name: no-test-mail
                    type: regex
                    column: email
                    pattern: '(?!test@).*'
                """)).isEqualTo(new RuleSetProblem(5, 14, "checks[0].pattern", "'pattern' in check 'no-test-mail'"
                + " uses a lookahead '(?!' at index 0, which the SQL engines do not support; rewrite it without"
                + " lookaround, backreferences, atomic groups or possessive quantifiers"));
    }

    @Test
    void rejectsMinGreaterThanMax() {
        assertThat(onlyProblem("""
                checks:
                  - name: age-range
                    type: between
                    column: age
                    min: 120
                    max: 0
                """)).isEqualTo(new RuleSetProblem(5, 10, "checks[0].min",
                "'min' (120) is greater than 'max' (0) in check 'age-range'; swap them"));
    }

    @Test
    void requiresAtLeastOneBound() {
        assertThat(onlyProblem("checks:\n  - name: age-range\n    type: between\n    column: age\n"))
                .isEqualTo(new RuleSetProblem(2, 5, "checks[0].min", "check 'age-range' needs 'min', 'max' or both"));
    }

    @Test
    void rejectsQuotedAndNonFiniteNumbers() {
        assertThat(rejected("""
                checks:
                  - name: age-range
                    type: between
                    column: age
                    min: '0'
                    max: .inf
                """).problems())
                .extracting(RuleSetProblem::line, RuleSetProblem::column, RuleSetProblem::message)
                .containsExactly(
                        tuple(5, 10, "'min' in check 'age-range' must be a number, not '0' (remove any quotes)"),
                        tuple(6, 10, "'max' in check 'age-range' must be a finite decimal number such as 12 or 0.5,"
                                + " not '.inf'"));
    }

    @Test
    void requiresWholeNonNegativeRowCounts() {
        assertThat(rejected("""
                checks:
                  - name: enough-rows
                    type: row_count
                    min: -1
                    max: 2.5
                """).problems())
                .extracting(RuleSetProblem::path, RuleSetProblem::message)
                .containsExactly(
                        tuple("checks[0].min", "'min' in check 'enough-rows' must be a whole number of 0 or more, not -1"),
                        tuple("checks[0].max",
                                "'max' in check 'enough-rows' must be a whole number of 0 or more, not 2.5"));
    }

    @Test
    void rejectsEmptyAndNullAllowedValues() {
        assertThat(rejected("""
                checks:
                  - {name: a, type: allowed_values, column: c, values: []}
                  - {name: b, type: allowed_values, column: c, values: [x, ~]}
                """).problems())
                .extracting(RuleSetProblem::line, RuleSetProblem::column, RuleSetProblem::path)
                .containsExactly(tuple(2, 56, "checks[0].values"), tuple(3, 60, "checks[1].values[1]"));
    }

    @Test
    void rejectsAColumnListedTwiceInAUniqueCheck() {
        assertThat(onlyProblem("checks:\n  - {name: u, type: unique, columns: [id, tenant, id]}\n"))
                .isEqualTo(new RuleSetProblem(2, 51, "checks[0].columns[2]",
                        "'id' is listed more than once in 'columns' of check 'u'; list it once"));
    }

    @Test
    void suggestsColumnsForAUniqueCheckGivenColumn() {
        assertThat(rejected("checks:\n  - {name: u, type: unique, column: id}\n").problems())
                .extracting(RuleSetProblem::message)
                .containsExactly("check 'u' is missing required key 'columns'",
                        "unknown key 'column' in check 'u'; did you mean 'columns'?");
    }

    @Test
    void readsSeverityAndThresholdsWithFailAndNoToleranceAsDefaults() {
        RuleSet ruleSet = RuleSetParser.parse("""
                checks:
                  - {name: a, type: not_null, column: id}
                  - {name: b, type: not_null, column: id, severity: warn, max_failed: 10}
                  - {name: c, type: regex, column: id, pattern: '\\d+', severity: fail, max_failed_percent: 0.5}
                  - {name: d, type: row_count, min: 1, severity: warn}
                """);

        assertThat(ruleSet.checks()).extracting(ruleSet::policyOf).containsExactly(
                CheckPolicy.DEFAULT,
                new CheckPolicy(Severity.WARN, Threshold.maxFailed(10)),
                new CheckPolicy(Severity.FAIL, Threshold.maxFailedPercent(new BigDecimal("0.5"))),
                new CheckPolicy(Severity.WARN, Threshold.NONE));
    }

    @Test
    void rejectsBadSeveritiesAndThresholdsAtTheirPosition() {
        assertThat(rejected("""
                checks:
                  - {name: a, type: not_null, column: id, severity: error}
                  - {name: b, type: not_null, column: id, max_failed: 1, max_failed_percent: 2}
                  - {name: c, type: not_null, column: id, max_failed_percent: 101}
                  - {name: d, type: not_null, column: id, max_failed: -3}
                  - {name: e, type: row_count, min: 1, max_failed: 3}
                """).problems())
                .extracting(RuleSetProblem::line, RuleSetProblem::column, RuleSetProblem::message)
                .containsExactly(
                        tuple(2, 53, "unknown severity 'error'; use warn or fail"),
                        tuple(3, 78, "check 'b' has both 'max_failed' and 'max_failed_percent'; keep one (a count"
                                + " of rows or a percentage of the rows checked)"),
                        tuple(4, 63, "'max_failed_percent' in check 'c' is a percentage from 0 to 100 (0.5 means one"
                                + " row in 200), not 101"),
                        tuple(5, 55, "'max_failed' in check 'd' must be a whole number of 0 or more, not -3"),
                        tuple(6, 52, "'max_failed' does not apply to check 'e': a row_count check judges the data set"
                                + " as a whole, so it passes or fails without a count of failing rows; remove"
                                + " 'max_failed'"));
    }

    @Test
    void thresholdsCompareExactlyAtTheirEdge() {
        assertThat(Threshold.NONE.tolerates(0, 10)).isTrue();
        assertThat(Threshold.NONE.tolerates(1, 10)).isFalse();
        assertThat(Threshold.maxFailed(2).tolerates(2, 10)).isTrue();
        assertThat(Threshold.maxFailed(2).tolerates(3, 10)).isFalse();
        assertThat(Threshold.maxFailedPercent(new BigDecimal("0.5")).tolerates(1, 200)).isTrue();
        assertThat(Threshold.maxFailedPercent(new BigDecimal("0.5")).tolerates(2, 200)).isFalse();
        assertThat(Threshold.maxFailedPercent(new BigDecimal("0.5")).tolerates(1, 199)).isFalse();
    }

    @Test
    void parsesTheTextAndDataSetCheckTypes() {
        RuleSet ruleSet = RuleSetParser.parse("""
                checks:
                  - {name: code-length, type: length, column: code, min: 2, max: 4}
                  - {name: email, type: format, column: email, format: email}
                  - {name: recent, type: freshness, column: paid_at, max_age: 36h}
                  - {name: p95, type: metric, column: amount, metric: percentile, percentile: 0.95,
                     must_be_between: [0, 1000.5]}
                  - {name: avg, type: metric, column: amount, metric: avg, must_be_at_least: 1}
                  - {name: shape, type: schema, required_columns: [id], column_types: {id: BIGINT, d: 'DECIMAL(10,2)'}}
                """);

        assertThat(ruleSet.checks()).containsExactly(
                new LengthCheck("code-length", Dimension.VALIDITY, "code", OptionalLong.of(2), OptionalLong.of(4)),
                new FormatCheck("email", Dimension.VALIDITY, "email", NamedFormat.EMAIL),
                new FreshnessCheck("recent", Dimension.TIMELINESS, "paid_at", java.time.Duration.ofHours(36)),
                new MetricCheck("p95", Dimension.ACCURACY, "amount", Metric.PERCENTILE,
                        Optional.of(new BigDecimal("0.95")), Optional.of(BigDecimal.ZERO),
                        Optional.of(new BigDecimal("1000.5"))),
                new MetricCheck("avg", Dimension.ACCURACY, "amount", Metric.AVG, Optional.empty(),
                        Optional.of(BigDecimal.ONE), Optional.empty()),
                new SchemaCheck("shape", Dimension.CONSISTENCY, List.of("id"),
                        java.util.Map.of("id", "BIGINT", "d", "DECIMAL(10,2)")));
    }

    @Test
    void reportsProblemsOfTheTextAndDataSetCheckTypesAtTheirPosition() {
        assertThat(rejected("""
                checks:
                  - {name: a, type: length, column: c, min: 5, max: 2}
                  - {name: b, type: format, column: c, format: emial}
                  - {name: c, type: freshness, column: c, max_age: 1 day}
                  - {name: d, type: metric, column: c, metric: percentile, must_be_at_most: 3}
                  - {name: e, type: metric, column: c, metric: median, must_be_between: [1]}
                  - {name: f, type: metric, column: c, metric: avg, must_be_between: [5, 1], must_be_at_most: 3}
                  - {name: g, type: schema, column_types: {id: 'BIGINT; DROP TABLE x'}}
                  - {name: h, type: freshness, column: c, max_age: 1h, max_failed_percent: 5}
                """).problems())
                .extracting(RuleSetProblem::path, RuleSetProblem::message)
                .containsExactly(
                        tuple("checks[0].min", "'min' (5) is greater than 'max' (2) in check 'a'; swap them"),
                        tuple("checks[1].format", "unknown format 'emial' in check 'b'; did you mean 'email'?"),
                        tuple("checks[2].max_age", "'max_age' in check 'c' must be a positive whole number followed"
                                + " by a unit, s, m, h, d or w (e.g. 90m, 24h, 7d), not '1 day'"),
                        tuple("checks[3].metric", "check 'd' computes a percentile but has no 'percentile'; add the"
                                + " fraction, e.g. 'percentile: 0.95' for the 95th percentile"),
                        tuple("checks[4].metric", "unknown metric 'median' in check 'e'; known metrics are min, max,"
                                + " avg, sum, stddev, percentile"),
                        tuple("checks[4].must_be_between", "'must_be_between' in check 'e' must be a list of two"
                                + " numbers, [low, high], not a list"),
                        tuple("checks[5].must_be_between", "'must_be_between' in check 'f' lists 5 before the smaller"
                                + " 1; write [low, high]"),
                        tuple("checks[5].must_be_at_most", "'must_be_at_most' cannot be combined with"
                                + " 'must_be_between' in check 'f'; keep one"),
                        tuple("checks[6].column_types", "'column_types' in check 'g' maps each column name to one"
                                + " type name such as BIGINT, VARCHAR or DECIMAL(10,2); 'id' has 'BIGINT; DROP TABLE"
                                + " x'"),
                        tuple("checks[7].max_failed_percent", "'max_failed_percent' does not apply to check 'h': a"
                                + " freshness check judges the data set as a whole, so it passes or fails without a"
                                + " count of failing rows; remove 'max_failed_percent'"));
    }

    @Test
    void namedFormatsAreValidJavaAndPortablePatterns() {
        for (NamedFormat format : NamedFormat.values()) {
            assertThat(java.util.regex.Pattern.compile(format.pattern())).isNotNull();
            assertThat(PortableRegex.firstUnsupported(format.pattern())).as(format.yamlName()).isEmpty();
        }
        assertThat("o'neil+tag@mail.example.org").matches(NamedFormat.EMAIL.pattern());
        assertThat("a@b").doesNotMatch(NamedFormat.EMAIL.pattern());
        assertThat("https://example.com:8443/a?b=c#d").matches(NamedFormat.URL.pattern());
        assertThat("javascript:alert(1)").doesNotMatch(NamedFormat.URL.pattern());
    }

    @Test
    void parsesReferenceChecksAndGroupBy() {
        RuleSet rules = RuleSetParser.parse("""
                checks:
                  - name: customer-known
                    type: reference
                    column: customer_id
                    reference: {source: customers, column: id}
                    group_by: [country]
                  - {name: avg-amount, type: metric, column: amount, metric: stddev, must_be_at_most: 3,
                     group_by: [country, region], max_groups: 5}
                """);

        assertThat(rules.checks()).containsExactly(
                new ReferenceCheck("customer-known", Dimension.CONSISTENCY, "customer_id", "customers", "id"),
                new MetricCheck("avg-amount", Dimension.ACCURACY, "amount", Metric.STDDEV, Optional.empty(),
                        Optional.empty(), Optional.of(BigDecimal.valueOf(3))));
        assertThat(rules.policyOf(rules.checks().get(0)).groupBy()).containsExactly("country");
        assertThat(rules.policyOf(rules.checks().get(0)).maxGroups()).isEqualTo(CheckPolicy.DEFAULT_MAX_GROUPS);
        assertThat(rules.policyOf(rules.checks().get(1)).groupBy()).containsExactly("country", "region");
        assertThat(rules.policyOf(rules.checks().get(1)).maxGroups()).isEqualTo(5);
        assertThat(rules.policyOf(rules.checks().get(1)).policyColumns()).containsExactly("country", "region");
    }

    @Test
    void reportsReferenceAndGroupByProblemsAtTheirPosition() {
        assertThat(rejected("""
                checks:
                  - {name: a, type: reference, column: c, reference: customers}
                  - {name: b, type: reference, column: c, reference: {source: Customers, colum: id}}
                  - {name: c, type: schema, required_columns: [id], group_by: [country]}
                  - {name: d, type: not_null, column: id, max_groups: 3}
                  - {name: e, type: not_null, column: id, group_by: [], max_groups: 0}
                """).problems()).extracting(RuleSetProblem::path, RuleSetProblem::message).containsExactly(
                        tuple("checks[0].reference", "'reference' in check 'a' must be a mapping naming the other"
                                + " data source and its column, e.g. '{source: customers, column: id}', not"
                                + " 'customers'"),
                        tuple("checks[1].reference.column", "'reference' of check 'b' is missing required key"
                                + " 'column'"),
                        tuple("checks[1].reference.source", "reference source name 'Customers' is invalid: use 1 to"
                                + " 63 lower-case letters, digits, '_' or '-', starting with a letter or digit, as"
                                + " the job names its sources"),
                        tuple("checks[1].reference.colum", "unknown key 'colum' in 'reference' of check 'b'; did you"
                                + " mean 'column'?"),
                        tuple("checks[2].group_by", "'group_by' does not apply to check 'c': a schema check reads"
                                + " no rows; remove 'group_by'"),
                        tuple("checks[3].max_groups", "'max_groups' in check 'd' applies only with 'group_by'; add"
                                + " 'group_by: [column]' or remove 'max_groups'"),
                        tuple("checks[4].group_by", "'group_by' in check 'e' must be a non-empty list, e.g. [a, b],"
                                + " not an empty list"),
                        tuple("checks[4].max_groups", "'max_groups' in check 'e' must be from 1 to 10000, not 0"));
    }

    private static RuleSetProblem emptyDocumentProblem() {
        return new RuleSetProblem(1, 1, "", "the rule set is empty; write a mapping with a 'checks' list, e.g."
                + " 'checks: [{name: id-present, type: not_null, column: id}]'");
    }

    private static RuleSetProblem onlyProblem(String yaml) {
        List<RuleSetProblem> problems = rejected(yaml).problems();
        assertThat(problems).hasSize(1);
        return problems.getFirst();
    }

    private static RuleSetInvalidException rejected(String yaml) {
        RuleSetInvalidException invalid = catchThrowableOfType(RuleSetInvalidException.class,
                () -> RuleSetParser.parse(yaml));
        assertThat(invalid).as("rule set should have been rejected").isNotNull();
        return invalid;
    }
}
