package dev.outpost.dq.rules;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A parsed row-level expression of the restricted grammar that {@code expression} checks and {@code filter}s are
 * written in (see {@link RowExpressionParser}). Every node knows its {@link ValueType}, resolved when parsed, so a
 * compiler converts operands where the types call for it and never has to guess.
 */
public sealed interface RowExpression {

    /** The columns the expression reads, each once, in the order they first appear. */
    static List<String> columnsOf(RowExpression expression) {
        java.util.LinkedHashSet<String> columns = new java.util.LinkedHashSet<>();
        collectColumns(expression, columns);
        return List.copyOf(columns);
    }

    private static void collectColumns(RowExpression expression, java.util.Set<String> columns) {
        switch (expression) {
            case ColumnRef column -> columns.add(column.name());
            case Negation negation -> collectColumns(negation.operand(), columns);
            case Not not -> collectColumns(not.operand(), columns);
            case Binary binary -> {
                collectColumns(binary.left(), columns);
                collectColumns(binary.right(), columns);
            }
            case IsNull isNull -> collectColumns(isNull.operand(), columns);
            case In in -> collectColumns(in.operand(), columns);
            case Call call -> call.arguments().forEach(argument -> collectColumns(argument, columns));
            default -> {
            }
        }
    }

    /** What kind of value a node yields. */
    enum ValueType {
        /** True, false or null: comparisons, AND/OR/NOT, IS NULL, IN, and the literals TRUE and FALSE. */
        CONDITION,
        /** A number: numeric literals, arithmetic, and numeric functions. */
        NUMBER,
        /** Text: string literals and text functions. */
        TEXT,
        /** Unknown until the data is read: a column, NULL, or coalesce of such. */
        ANY
    }

    /** The kind of value this node yields. */
    ValueType type();

    /** A column of the data set, by its exact name. */
    record ColumnRef(String name) implements RowExpression {
        public ColumnRef {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public ValueType type() {
            return ValueType.ANY;
        }
    }

    /** A number written in the expression. */
    record NumberLiteral(BigDecimal value) implements RowExpression {
        @Override
        public ValueType type() {
            return ValueType.NUMBER;
        }
    }

    /** A text written in the expression between single quotes. */
    record TextLiteral(String value) implements RowExpression {
        @Override
        public ValueType type() {
            return ValueType.TEXT;
        }
    }

    /** TRUE or FALSE. */
    record BooleanLiteral(boolean value) implements RowExpression {
        @Override
        public ValueType type() {
            return ValueType.CONDITION;
        }
    }

    /** NULL. */
    record NullLiteral() implements RowExpression {
        @Override
        public ValueType type() {
            return ValueType.ANY;
        }
    }

    /** {@code -operand}. */
    record Negation(RowExpression operand) implements RowExpression {
        @Override
        public ValueType type() {
            return ValueType.NUMBER;
        }
    }

    /** {@code NOT operand}. */
    record Not(RowExpression operand) implements RowExpression {
        @Override
        public ValueType type() {
            return ValueType.CONDITION;
        }
    }

    /** Arithmetic, comparison or logic on two operands. */
    record Binary(Operator operator, RowExpression left, RowExpression right) implements RowExpression {
        @Override
        public ValueType type() {
            return operator.arithmetic() ? ValueType.NUMBER : ValueType.CONDITION;
        }
    }

    /** {@code operand IS [NOT] NULL}. */
    record IsNull(RowExpression operand, boolean negated) implements RowExpression {
        @Override
        public ValueType type() {
            return ValueType.CONDITION;
        }
    }

    /** {@code operand [NOT] IN (literal, …)}; the literals are all numbers or all texts. */
    record In(RowExpression operand, List<RowExpression> values, boolean negated) implements RowExpression {
        public In {
            values = List.copyOf(values);
        }

        @Override
        public ValueType type() {
            return ValueType.CONDITION;
        }
    }

    /** A call of an allowed function. */
    record Call(RowFunction function, List<RowExpression> arguments, ValueType type) implements RowExpression {
        public Call {
            arguments = List.copyOf(arguments);
        }
    }

    /** The binary operators, in SQL spelling. */
    enum Operator {
        OR("OR"), AND("AND"),
        EQUAL("="), NOT_EQUAL("<>"), LESS("<"), LESS_OR_EQUAL("<="), GREATER(">"), GREATER_OR_EQUAL(">="),
        PLUS("+"), MINUS("-"), TIMES("*"), DIVIDE("/");

        private final String sql;

        Operator(String sql) {
            this.sql = sql;
        }

        public String sql() {
            return sql;
        }

        public boolean logical() {
            return this == OR || this == AND;
        }

        public boolean arithmetic() {
            return ordinal() >= PLUS.ordinal();
        }
    }
}
