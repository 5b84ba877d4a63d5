package dev.outpost.dq.sql;

import java.math.BigDecimal;

/** How one SQL engine spells the pieces that check predicates are built from. */
public interface SqlDialect {

    /** An identifier quoted so that any name, including one with quotes in it, refers to exactly that column. */
    String quoteIdentifier(String identifier);

    /** A string literal for {@code text}, escaped so that any text stays one literal. */
    String stringLiteral(String text);

    /** A numeric literal for {@code number}. */
    String numberLiteral(BigDecimal number);

    /** {@code expression} converted to text, as the engine prints it. */
    String castToText(String expression);

    /** {@code expression} converted to a floating-point number, or null when it is not one. */
    String tryCastToNumber(String expression);

    /** True when the whole of {@code textExpression} matches the regular expression {@code pattern}. */
    String regexFullMatch(String textExpression, String pattern);
}
