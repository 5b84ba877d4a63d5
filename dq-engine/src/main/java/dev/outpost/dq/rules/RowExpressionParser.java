package dev.outpost.dq.rules;

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
import dev.outpost.dq.rules.RowExpression.Operator;
import dev.outpost.dq.rules.RowExpression.TextLiteral;
import dev.outpost.dq.rules.RowExpression.ValueType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses the restricted expression grammar of {@code expression} checks and {@code filter}s. It is not SQL: it has
 * no statements, no subqueries, no comments and no function outside {@link RowFunction}, so nothing written in it can
 * reach the database except as a quoted identifier, an escaped literal or an operator from a fixed list.
 *
 * <pre>
 * condition  := or
 * or         := and ('OR' and)*
 * and        := not ('AND' not)*
 * not        := 'NOT' not | comparison
 * comparison := sum (('=' | '!=' | '&lt;&gt;' | '&lt;' | '&lt;=' | '&gt;' | '&gt;=') sum
 *                    | 'IS' ['NOT'] 'NULL' | ['NOT'] 'IN' '(' literal (',' literal)* ')')?
 * sum        := product (('+' | '-') product)*
 * product    := unary (('*' | '/') unary)*
 * unary      := '-' unary | primary
 * primary    := number | 'text' | 'TRUE' | 'FALSE' | 'NULL' | column | "quoted column"
 *             | function '(' condition (',' condition)* ')' | '(' condition ')'
 * </pre>
 *
 * Keywords and function names ignore case; a bare column name is letters, digits and {@code _} (not starting with a
 * digit), any other name is written in double quotes ({@code "unit price"}, {@code ""} for a quote).
 */
public final class RowExpressionParser {

    private static final int MAX_LENGTH = 4000;
    private static final int MAX_DEPTH = 64;
    private static final Set<String> KEYWORDS = Set.of("AND", "OR", "NOT", "IS", "NULL", "IN", "TRUE", "FALSE");
    /** SQL words that have no place in a row condition; named so the error says why instead of "unknown column". */
    private static final Set<String> STATEMENT_WORDS = Set.of("SELECT", "FROM", "WHERE", "UNION", "INSERT", "UPDATE",
            "DELETE", "DROP", "CREATE", "ALTER", "ATTACH", "COPY", "PRAGMA", "CALL", "EXEC", "EXECUTE", "WITH", "INTO",
            "SET", "INSTALL", "LOAD", "EXISTS", "CASE", "CAST", "LIKE");
    private static final Map<String, Operator> COMPARISONS = Map.of("=", Operator.EQUAL, "!=", Operator.NOT_EQUAL,
            "<>", Operator.NOT_EQUAL, "<", Operator.LESS, "<=", Operator.LESS_OR_EQUAL, ">", Operator.GREATER,
            ">=", Operator.GREATER_OR_EQUAL);

    private enum Kind { NUMBER, TEXT, WORD, QUOTED_NAME, SYMBOL, END }

    private record Token(Kind kind, String text, int offset) {
        boolean is(String symbolOrKeyword) {
            return (kind == Kind.SYMBOL || kind == Kind.WORD) && text.equalsIgnoreCase(symbolOrKeyword);
        }
    }

    private final String source;
    private final List<Token> tokens;
    private int position;
    private int depth;

    private RowExpressionParser(String source) {
        this.source = source;
        this.tokens = tokenize(source);
    }

    /**
     * Parses a condition: an expression that is true, false or null for each row.
     *
     * @throws InvalidExpressionException saying what is wrong and where
     */
    public static RowExpression parseCondition(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new InvalidExpressionException("the expression is longer than " + MAX_LENGTH + " characters", 0);
        }
        if (text.isBlank()) {
            throw new InvalidExpressionException("the expression is empty; write a condition such as 'amount >= 0'",
                    0);
        }
        RowExpressionParser parser = new RowExpressionParser(text);
        int start = parser.peek().offset();
        RowExpression condition = parser.or();
        Token rest = parser.peek();
        if (rest.kind() != Kind.END) {
            throw parser.unexpected(rest, "an operator or the end of the expression");
        }
        requireCondition(condition, start);
        return condition;
    }

    private RowExpression or() {
        RowExpression left = and();
        while (peek().is("OR")) {
            Token operator = next();
            RowExpression right = and();
            requireCondition(left, operator.offset());
            requireCondition(right, operator.offset());
            left = new Binary(Operator.OR, left, right);
        }
        return left;
    }

    private RowExpression and() {
        RowExpression left = not();
        while (peek().is("AND")) {
            Token operator = next();
            RowExpression right = not();
            requireCondition(left, operator.offset());
            requireCondition(right, operator.offset());
            left = new Binary(Operator.AND, left, right);
        }
        return left;
    }

    private RowExpression not() {
        if (peek().is("NOT")) {
            Token not = next();
            enter(not);
            RowExpression operand = not();
            depth--;
            requireCondition(operand, not.offset());
            return new Not(operand);
        }
        return comparison();
    }

    private RowExpression comparison() {
        RowExpression left = sum();
        Token token = peek();
        Operator comparison = token.kind() == Kind.SYMBOL ? COMPARISONS.get(token.text()) : null;
        if (comparison != null) {
            next();
            RowExpression right = sum();
            requireComparable(left, right, token);
            return new Binary(comparison, left, right);
        }
        if (token.is("IS")) {
            next();
            boolean negated = peek().is("NOT");
            if (negated) {
                next();
            }
            expect("NULL", "NULL after IS" + (negated ? " NOT" : ""));
            return new IsNull(left, negated);
        }
        boolean negated = token.is("NOT") && tokens.get(position + 1).is("IN");
        if (negated) {
            next();
        }
        if (peek().is("IN")) {
            next();
            return in(left, negated);
        }
        return left;
    }

    private RowExpression in(RowExpression operand, boolean negated) {
        Token open = expect("(", "'(' and a list of literals after IN");
        List<RowExpression> values = new ArrayList<>();
        do {
            Token value = next();
            switch (value.kind()) {
                case NUMBER -> values.add(new NumberLiteral(new BigDecimal(value.text())));
                case TEXT -> values.add(new TextLiteral(value.text()));
                default -> throw new InvalidExpressionException("IN takes a list of numbers or texts in quotes, such"
                        + " as IN ('DE', 'FR'); found " + describe(value) + " (subqueries are not allowed)",
                        value.offset());
            }
        } while (accept(","));
        expect(")", "',' or ')' in the IN list");
        boolean numbers = values.getFirst() instanceof NumberLiteral;
        if (values.stream().anyMatch(v -> (v instanceof NumberLiteral) != numbers)) {
            throw new InvalidExpressionException("an IN list holds either numbers or texts, not both", open.offset());
        }
        if (operand.type() == ValueType.CONDITION) {
            throw new InvalidExpressionException("IN compares a value, not a condition", open.offset());
        }
        return new In(operand, values, negated);
    }

    private RowExpression sum() {
        RowExpression left = product();
        while (peek().is("+") || peek().is("-")) {
            Token operator = next();
            RowExpression right = product();
            left = arithmetic(operator.is("+") ? Operator.PLUS : Operator.MINUS, left, right, operator);
        }
        return left;
    }

    private RowExpression product() {
        RowExpression left = unary();
        while (peek().is("*") || peek().is("/")) {
            Token operator = next();
            RowExpression right = unary();
            left = arithmetic(operator.is("*") ? Operator.TIMES : Operator.DIVIDE, left, right, operator);
        }
        return left;
    }

    private RowExpression arithmetic(Operator operator, RowExpression left, RowExpression right, Token at) {
        requireNumeric(left, at);
        requireNumeric(right, at);
        return new Binary(operator, left, right);
    }

    private RowExpression unary() {
        if (peek().is("-")) {
            Token minus = next();
            enter(minus);
            RowExpression operand = unary();
            depth--;
            requireNumeric(operand, minus);
            return new Negation(operand);
        }
        return primary();
    }

    private RowExpression primary() {
        Token token = next();
        switch (token.kind()) {
            case NUMBER:
                return new NumberLiteral(new BigDecimal(token.text()));
            case TEXT:
                return new TextLiteral(token.text());
            case QUOTED_NAME:
                return new ColumnRef(token.text());
            case WORD:
                return word(token);
            case SYMBOL:
                if (token.is("(")) {
                    enter(token);
                    RowExpression inner = or();
                    depth--;
                    expect(")", "')' to close the '(' at index " + token.offset());
                    return inner;
                }
                throw unexpected(token, "a column, a literal, a function or '('");
            default:
                throw new InvalidExpressionException("the expression ends too early; complete it", source.length());
        }
    }

    private RowExpression word(Token token) {
        String upper = token.text().toUpperCase(Locale.ROOT);
        switch (upper) {
            case "TRUE":
                return new BooleanLiteral(true);
            case "FALSE":
                return new BooleanLiteral(false);
            case "NULL":
                return new NullLiteral();
            default:
                break;
        }
        if (KEYWORDS.contains(upper)) {
            throw unexpected(token, "a column, a literal, a function or '('");
        }
        if (peek().is("(")) {
            return call(token);
        }
        if (STATEMENT_WORDS.contains(upper)) {
            throw new InvalidExpressionException("'" + token.text() + "' is SQL, not part of a row condition:"
                    + " statements, subqueries and other SQL constructs are not allowed (write a column of that"
                    + " name in double quotes)", token.offset());
        }
        return new ColumnRef(token.text());
    }

    private RowExpression call(Token name) {
        RowFunction function = RowFunction.named(name.text()).orElseThrow(() -> new InvalidExpressionException(
                "function '" + name.text() + "' is not allowed; the allowed functions are " + String.join(", ",
                        Arrays.stream(RowFunction.values()).map(RowFunction::sqlName).toList()), name.offset()));
        enter(name);
        next();
        List<RowExpression> arguments = new ArrayList<>();
        if (!peek().is(")")) {
            do {
                arguments.add(or());
            } while (accept(","));
        }
        expect(")", "',' or ')' in the arguments of " + function.sqlName());
        depth--;
        if (arguments.size() < function.minArguments() || arguments.size() > function.maxArguments()) {
            throw new InvalidExpressionException(function.sqlName() + " takes " + (function.minArguments()
                    == function.maxArguments() ? String.valueOf(function.minArguments())
                    : function.minArguments() + " to " + function.maxArguments()) + " arguments, not "
                    + arguments.size(), name.offset());
        }
        return new Call(function, arguments, resultType(function, arguments, name));
    }

    private static ValueType resultType(RowFunction function, List<RowExpression> arguments, Token at) {
        for (RowExpression argument : arguments) {
            if (argument.type() == ValueType.CONDITION) {
                throw new InvalidExpressionException(function.sqlName() + " takes values, not conditions",
                        at.offset());
            }
        }
        return switch (function) {
            case LENGTH -> ValueType.NUMBER;
            case LOWER, UPPER, TRIM -> ValueType.TEXT;
            case ABS -> ValueType.NUMBER;
            case ROUND -> {
                if (arguments.size() == 2 && !(arguments.get(1) instanceof NumberLiteral digits
                        && digits.value().stripTrailingZeros().scale() <= 0)) {
                    throw new InvalidExpressionException("round's second argument is a whole number of digits, such"
                            + " as round(price, 2)", at.offset());
                }
                yield ValueType.NUMBER;
            }
            case COALESCE -> arguments.stream().map(RowExpression::type).anyMatch(t -> t == ValueType.NUMBER)
                    ? ValueType.NUMBER
                    : arguments.stream().map(RowExpression::type).anyMatch(t -> t == ValueType.TEXT)
                            ? ValueType.TEXT : ValueType.ANY;
        };
    }

    private static void requireCondition(RowExpression expression, int offset) {
        if (expression.type() == ValueType.NUMBER || expression.type() == ValueType.TEXT) {
            throw new InvalidExpressionException("a condition is needed here, such as 'amount > 0', not a "
                    + (expression.type() == ValueType.NUMBER ? "number" : "text"), offset);
        }
    }

    private static void requireNumeric(RowExpression expression, Token at) {
        if (expression.type() == ValueType.CONDITION || expression.type() == ValueType.TEXT) {
            throw new InvalidExpressionException("'" + at.text() + "' needs numbers, not "
                    + (expression.type() == ValueType.TEXT ? "a text" : "a condition"), at.offset());
        }
    }

    private static void requireComparable(RowExpression left, RowExpression right, Token at) {
        ValueType l = left.type();
        ValueType r = right.type();
        boolean mismatch = (l == ValueType.CONDITION && (r == ValueType.NUMBER || r == ValueType.TEXT))
                || (r == ValueType.CONDITION && (l == ValueType.NUMBER || l == ValueType.TEXT))
                || (l == ValueType.NUMBER && r == ValueType.TEXT) || (l == ValueType.TEXT && r == ValueType.NUMBER);
        if (mismatch) {
            throw new InvalidExpressionException("'" + at.text() + "' compares a " + name(l) + " with a " + name(r)
                    + "; compare values of the same kind", at.offset());
        }
    }

    private static String name(ValueType type) {
        return switch (type) {
            case CONDITION -> "condition";
            case NUMBER -> "number";
            case TEXT -> "text";
            case ANY -> "column";
        };
    }

    private void enter(Token at) {
        if (++depth > MAX_DEPTH) {
            throw new InvalidExpressionException("the expression nests deeper than " + MAX_DEPTH + " levels",
                    at.offset());
        }
    }

    private Token peek() {
        return tokens.get(position);
    }

    private Token next() {
        Token token = tokens.get(position);
        if (token.kind() != Kind.END) {
            position++;
        }
        return token;
    }

    private boolean accept(String symbol) {
        if (peek().is(symbol)) {
            next();
            return true;
        }
        return false;
    }

    private Token expect(String symbolOrKeyword, String expected) {
        Token token = next();
        if (!token.is(symbolOrKeyword)) {
            throw unexpected(token, expected);
        }
        return token;
    }

    private InvalidExpressionException unexpected(Token token, String expected) {
        if (token.kind() == Kind.END) {
            return new InvalidExpressionException("the expression ends too early; expected " + expected,
                    token.offset());
        }
        return new InvalidExpressionException("expected " + expected + ", found " + describe(token),
                token.offset());
    }

    private static String describe(Token token) {
        return switch (token.kind()) {
            case TEXT -> "a text";
            case QUOTED_NAME -> "a quoted column name";
            case END -> "the end of the expression";
            default -> "'" + token.text() + "'";
        };
    }

    private static List<Token> tokenize(String source) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (source.startsWith("--", i) || source.startsWith("/*", i)) {
                throw new InvalidExpressionException("comments are not allowed in an expression", i);
            } else if (c == ';') {
                throw new InvalidExpressionException("';' is not allowed: an expression is one condition, not"
                        + " statements", i);
            } else if (c >= '0' && c <= '9' || c == '.' && i + 1 < source.length()
                    && Character.isDigit(source.charAt(i + 1))) {
                int start = i;
                while (i < source.length() && Character.isDigit(source.charAt(i))) {
                    i++;
                }
                if (i < source.length() && source.charAt(i) == '.') {
                    i++;
                    while (i < source.length() && Character.isDigit(source.charAt(i))) {
                        i++;
                    }
                }
                if (i < source.length() && (Character.isLetter(source.charAt(i)) || source.charAt(i) == '_')) {
                    throw new InvalidExpressionException("a number cannot run into a name; separate them", i);
                }
                tokens.add(new Token(Kind.NUMBER, source.substring(start, i), start));
            } else if (c == '\'' || c == '"') {
                int start = i;
                StringBuilder text = new StringBuilder();
                i++;
                while (true) {
                    if (i >= source.length()) {
                        throw new InvalidExpressionException((c == '\'' ? "text" : "quoted column name")
                                + " is not closed; end it with " + c + " (write " + c + c + " for " + c
                                + " inside it)", start);
                    }
                    char d = source.charAt(i);
                    if (d == c) {
                        if (i + 1 < source.length() && source.charAt(i + 1) == c) {
                            text.append(c);
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    if (d == '\0') {
                        throw new InvalidExpressionException("a NUL character is not allowed", i);
                    }
                    text.append(d);
                    i++;
                }
                if (c == '"' && text.isEmpty()) {
                    throw new InvalidExpressionException("a quoted column name cannot be empty", start);
                }
                tokens.add(new Token(c == '\'' ? Kind.TEXT : Kind.QUOTED_NAME, text.toString(), start));
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < source.length() && (Character.isLetterOrDigit(source.charAt(i))
                        || source.charAt(i) == '_')) {
                    i++;
                }
                tokens.add(new Token(Kind.WORD, source.substring(start, i), start));
            } else {
                String two = source.substring(i, Math.min(i + 2, source.length()));
                String symbol = Set.of("<=", ">=", "<>", "!=").contains(two) ? two : String.valueOf(c);
                if (!symbol.equals("!=") && "=<>+-*/(),".indexOf(c) < 0) {
                    throw new InvalidExpressionException("'" + c + "' is not allowed in an expression; use columns,"
                            + " literals, = != < <= > >=, + - * /, AND, OR, NOT, IS NULL, IN and parentheses", i);
                }
                tokens.add(new Token(Kind.SYMBOL, symbol, i));
                i += symbol.length();
            }
        }
        tokens.add(new Token(Kind.END, "", source.length()));
        return tokens;
    }
}
