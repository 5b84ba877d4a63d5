package dev.outpost.dq.rules;

import java.util.List;
import java.util.Objects;

/**
 * Fails every row for which {@code condition} is false. A row for which it is null (unknown, e.g. {@code age > 0}
 * with a null age) passes, as a null passes the other checks on values.
 *
 * @param name the check's name, unique within its rule set
 * @param dimension the dimension its score counts towards
 * @param text the condition as written in the rule set
 * @param condition the parsed condition
 */
public record ExpressionCheck(String name, Dimension dimension, String text, RowExpression condition)
        implements Check {

    public static final String TYPE = "expression";
    public static final Dimension DEFAULT_DIMENSION = Dimension.VALIDITY;

    public ExpressionCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dimension, "dimension");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(condition, "condition");
    }

    /** Parses {@code text}; for building checks in code. */
    public static ExpressionCheck of(String name, Dimension dimension, String text) {
        return new ExpressionCheck(name, dimension, text, RowExpressionParser.parseCondition(text));
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<String> columns() {
        return RowExpression.columnsOf(condition);
    }
}
