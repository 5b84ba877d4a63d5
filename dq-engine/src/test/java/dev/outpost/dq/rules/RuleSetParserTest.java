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
                    severity: high
                """)).isEqualTo(new RuleSetProblem(5, 5, "checks[0].severity",
                "unknown key 'severity' in check 'id-present'; allowed keys are name, type, dimension, column"));
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
        assertThat(onlyProblem("checks:\n  - {name: fresh, type: freshness}\n")).isEqualTo(new RuleSetProblem(2, 25,
                "checks[0].type", "unknown check type 'freshness'; known types are not_null, unique, regex, between,"
                        + " allowed_values, row_count"));
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
