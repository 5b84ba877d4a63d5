package dev.outpost.dq.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.outpost.dq.rules.RowExpression.Binary;
import dev.outpost.dq.rules.RowExpression.ColumnRef;
import dev.outpost.dq.rules.RowExpression.NumberLiteral;
import dev.outpost.dq.rules.RowExpression.Operator;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowExpressionParserTest {

    @Test
    void bindsAndTighterThanOrAndArithmeticTighterThanComparison() {
        RowExpression parsed = RowExpressionParser.parseCondition("a = 1 OR b + 2 * c > 3 AND NOT d IS NULL");

        assertThat(parsed).isInstanceOf(Binary.class);
        Binary or = (Binary) parsed;
        assertThat(or.operator()).isEqualTo(Operator.OR);
        Binary and = (Binary) or.right();
        assertThat(and.operator()).isEqualTo(Operator.AND);
        Binary greater = (Binary) and.left();
        assertThat(greater.operator()).isEqualTo(Operator.GREATER);
        assertThat(greater.left()).isEqualTo(new Binary(Operator.PLUS, new ColumnRef("b"),
                new Binary(Operator.TIMES, new NumberLiteral(new BigDecimal("2")), new ColumnRef("c"))));
        assertThat(RowExpression.columnsOf(parsed)).containsExactly("a", "b", "c", "d");
    }

    @Test
    void readsQuotedNamesAndTextsWithDoubledQuotes() {
        RowExpression parsed = RowExpressionParser.parseCondition(
                "\"unit \"\"price\"\"\" >= 0 AND lower(name) IN ('o''neil', 'x')");

        assertThat(RowExpression.columnsOf(parsed)).containsExactly("unit \"price\"", "name");
    }

    @Test
    void rejectsStatementsSubqueriesCommentsAndUnknownFunctionsWithTheirPosition() {
        List<String> attempts = List.of(
                "1 = 1; DROP TABLE people",
                "id IN (SELECT id FROM other)",
                "id = 1 -- and the rest",
                "id = 1 /* hidden */",
                "read_csv('/etc/passwd') IS NULL",
                "select IS NULL",
                "name = 'unterminated",
                "\"col\" = 1 OR \"unterminated",
                "id = 1 AND",
                "id = 1 2",
                "a ~ 'x'",
                "a || 'x' = 'y'",
                "length(name) > 'x'",
                "age + 1",
                "name + 1 > 2 OR 'a' * 2 = 1");

        assertThat(attempts).extracting(text -> {
            InvalidExpressionException invalid = catchThrowableOfType(InvalidExpressionException.class,
                    () -> RowExpressionParser.parseCondition(text));
            assertThat(invalid).as(text).isNotNull();
            return tuple(invalid.offset(), invalid.getMessage());
        }).containsExactly(
                tuple(5, "';' is not allowed: an expression is one condition, not statements"),
                tuple(7, "IN takes a list of numbers or texts in quotes, such as IN ('DE', 'FR'); found 'SELECT'"
                        + " (subqueries are not allowed)"),
                tuple(7, "comments are not allowed in an expression"),
                tuple(7, "comments are not allowed in an expression"),
                tuple(0, "function 'read_csv' is not allowed; the allowed functions are length, lower, upper, trim,"
                        + " abs, round, coalesce"),
                tuple(0, "'select' is SQL, not part of a row condition: statements, subqueries and other SQL"
                        + " constructs are not allowed (write a column of that name in double quotes)"),
                tuple(7, "text is not closed; end it with ' (write '' for ' inside it)"),
                tuple(13, "quoted column name is not closed; end it with \" (write \"\" for \" inside it)"),
                tuple(10, "the expression ends too early; complete it"),
                tuple(7, "expected an operator or the end of the expression, found '2'"),
                tuple(2, "'~' is not allowed in an expression; use columns, literals, = != < <= > >=, + - * /, AND,"
                        + " OR, NOT, IS NULL, IN and parentheses"),
                tuple(2, "'|' is not allowed in an expression; use columns, literals, = != < <= > >=, + - * /, AND,"
                        + " OR, NOT, IS NULL, IN and parentheses"),
                tuple(13, "'>' compares a number with a text; compare values of the same kind"),
                tuple(0, "a condition is needed here, such as 'amount > 0', not a number"),
                tuple(20, "'*' needs numbers, not a text"));
    }

    @Test
    void limitsNesting() {
        String deep = "(".repeat(100) + "a = 1" + ")".repeat(100);

        InvalidExpressionException invalid = catchThrowableOfType(InvalidExpressionException.class,
                () -> RowExpressionParser.parseCondition(deep));

        assertThat(invalid).hasMessage("the expression nests deeper than 64 levels");
    }

    @Test
    void reportsAnInvalidFilterOrConditionAtItsLineAndColumnInTheRuleSet() {
        RuleSetInvalidException invalid = catchThrowableOfType(RuleSetInvalidException.class,
                () -> RuleSetParser.parse("""
                        checks:
                          - name: positive
                            type: expression
                            condition: amount > 0; DELETE FROM t
                          - name: de-only
                            type: not_null
                            column: id
                            filter: "country = 'DE' OR sleep(10) = 0"
                          - {name: whole, type: schema, required_columns: [id], filter: 'id > 0'}
                        """));

        assertThat(invalid.problems()).extracting(RuleSetProblem::line, RuleSetProblem::column,
                RuleSetProblem::path, RuleSetProblem::message).containsExactly(
                        tuple(4, 26, "checks[0].condition", "'condition' in check 'positive' is not a valid"
                                + " expression: ';' is not allowed: an expression is one condition, not statements"
                                + " (at character 11)"),
                        tuple(8, 32, "checks[1].filter", "'filter' in check 'de-only' is not a valid expression:"
                                + " function 'sleep' is not allowed; the allowed functions are length, lower, upper,"
                                + " trim, abs, round, coalesce (at character 19)"),
                        tuple(9, 65, "checks[2].filter", "'filter' does not apply to check 'whole': a schema check"
                                + " reads no rows; remove 'filter'"));
    }
}
