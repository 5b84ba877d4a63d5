package dev.outpost.dq.sql;

import dev.outpost.dq.rules.RowExpression;
import dev.outpost.dq.rules.RowExpression.Binary;
import dev.outpost.dq.rules.RowExpression.BooleanLiteral;
import dev.outpost.dq.rules.RowExpression.Call;
import dev.outpost.dq.rules.RowExpression.ColumnRef;
import dev.outpost.dq.rules.RowExpression.In;
import dev.outpost.dq.rules.RowExpression.IsNull;
import dev.outpost.dq.rules.RowExpression.Negation;
import dev.outpost.dq.rules.RowExpression.Not;
import dev.outpost.dq.rules.RowExpression.NullLiteral;
import dev.outpost.dq.rules.RowExpression.NumberLiteral;
import dev.outpost.dq.rules.RowExpression.TextLiteral;
import dev.outpost.dq.rules.RowExpression.ValueType;
import dev.outpost.dq.rules.RowFunction;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Renders a parsed {@link RowExpression} as SQL through a dialect: columns quoted, literals escaped, operators from a
 * fixed list, every sub-expression in parentheses. Operands are converted where the node types call for it, so that
 * a column of text in arithmetic yields null instead of failing the scan: arithmetic and numeric functions read
 * columns as numbers ({@code TRY_CAST}), text functions read them as text, and a comparison with a number or a text
 * reads the other side the same way.
 */
final class ExpressionSql {

    private final SqlDialect dialect;

    ExpressionSql(SqlDialect dialect) {
        this.dialect = dialect;
    }

    /** A condition: true, false or null for each row. */
    String condition(RowExpression expression) {
        return expression.type() == ValueType.ANY ? converted(expression, dialect::tryCastToBoolean) : sql(expression);
    }

    private String sql(RowExpression expression) {
        return switch (expression) {
            case ColumnRef column -> dialect.quoteIdentifier(column.name());
            case NumberLiteral number -> dialect.numberLiteral(number.value());
            case TextLiteral text -> dialect.stringLiteral(text.value());
            case BooleanLiteral bool -> bool.value() ? "TRUE" : "FALSE";
            case NullLiteral ignored -> "NULL";
            case Negation negation -> "(-" + number(negation.operand()) + ")";
            case Not not -> "(NOT " + condition(not.operand()) + ")";
            case Binary binary when binary.operator().logical() -> "(" + condition(binary.left()) + " "
                    + binary.operator().sql() + " " + condition(binary.right()) + ")";
            // Division by zero is null (unknown) on every engine, rather than an error on some.
            case Binary binary when binary.operator() == RowExpression.Operator.DIVIDE -> "(" + number(binary.left())
                    + " / NULLIF(" + number(binary.right()) + ", 0))";
            case Binary binary when binary.operator().arithmetic() -> "(" + number(binary.left()) + " "
                    + binary.operator().sql() + " " + number(binary.right()) + ")";
            case Binary binary -> comparison(binary);
            case IsNull isNull -> "(" + sql(isNull.operand()) + (isNull.negated() ? " IS NOT NULL)" : " IS NULL)");
            case In in -> in(in);
            case Call call -> call(call);
        };
    }

    private String comparison(Binary binary) {
        ValueType left = binary.left().type();
        ValueType right = binary.right().type();
        String operator = " " + binary.operator().sql() + " ";
        if (left == ValueType.NUMBER || right == ValueType.NUMBER) {
            return "(" + number(binary.left()) + operator + number(binary.right()) + ")";
        }
        if (left == ValueType.TEXT || right == ValueType.TEXT) {
            return "(" + text(binary.left()) + operator + text(binary.right()) + ")";
        }
        return "(" + sql(binary.left()) + operator + sql(binary.right()) + ")";
    }

    private String in(In in) {
        boolean numbers = in.values().getFirst() instanceof NumberLiteral;
        String operand = numbers ? number(in.operand()) : text(in.operand());
        return "(" + operand + (in.negated() ? " NOT IN (" : " IN (")
                + in.values().stream().map(this::sql).collect(Collectors.joining(", ")) + "))";
    }

    private String call(Call call) {
        List<RowExpression> arguments = call.arguments();
        String rendered = switch (call.function()) {
            case LENGTH, LOWER, UPPER, TRIM -> text(arguments.getFirst());
            case ABS -> number(arguments.getFirst());
            case ROUND -> dialect.round(number(arguments.getFirst()),
                    arguments.size() == 1 ? "0" : sql(arguments.get(1)));
            case COALESCE -> arguments.stream()
                    .map(argument -> switch (call.type()) {
                        case NUMBER -> number(argument);
                        case TEXT -> text(argument);
                        default -> sql(argument);
                    })
                    .collect(Collectors.joining(", "));
        };
        return call.function() == RowFunction.ROUND ? rendered : call.function().sqlName() + "(" + rendered + ")";
    }

    private String number(RowExpression expression) {
        return expression.type() == ValueType.NUMBER ? sql(expression) : converted(expression,
                dialect::tryCastToNumber);
    }

    private String converted(RowExpression expression, UnaryOperator<String> tryCast) {
        if (expression instanceof ColumnRef column) {
            // Naming the column on its own keeps DuckDB from pushing a lone TRY_CAST into its CSV reader, where it
            // fails on the first value that does not convert instead of yielding null.
            String quoted = sql(column);
            return "CASE WHEN " + quoted + " IS NOT NULL THEN " + tryCast.apply(quoted) + " END";
        }
        return tryCast.apply(sql(expression));
    }

    private String text(RowExpression expression) {
        return expression.type() == ValueType.TEXT ? sql(expression) : dialect.castToText(sql(expression));
    }
}
