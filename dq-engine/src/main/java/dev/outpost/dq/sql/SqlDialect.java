package dev.outpost.dq.sql;

import dev.outpost.dq.rules.Metric;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * How one SQL engine spells the pieces that check predicates are built from. Quoting and literals default to standard
 * SQL, which both engines follow (a backslash is an ordinary character in a string literal).
 */
public interface SqlDialect {

    /** An identifier quoted so that any name, including one with quotes in it, refers to exactly that column. */
    default String quoteIdentifier(String identifier) {
        return '"' + rejectNul(identifier).replace("\"", "\"\"") + '"';
    }

    /** A string literal for {@code text}, escaped so that any text stays one literal. */
    default String stringLiteral(String text) {
        return '\'' + rejectNul(text).replace("'", "''") + '\'';
    }

    /** A numeric literal for {@code number}. */
    default String numberLiteral(BigDecimal number) {
        return number.toPlainString();
    }

    /**
     * {@code text}, refused when it holds a NUL: DuckDB ends a string there, which would silently cut a name or
     * literal short, and PostgreSQL text cannot hold one.
     */
    private static String rejectNul(String text) {
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("SQL text cannot contain a NUL character");
        }
        return text;
    }

    /** {@code expression} converted to text, as the engine prints it. */
    String castToText(String expression);

    /** {@code expression} converted to a floating-point number, or null when it is not one. */
    String tryCastToNumber(String expression);

    /** True when the whole of {@code textExpression} matches the regular expression {@code pattern}. */
    String regexFullMatch(String textExpression, String pattern);

    /** The number of characters of {@code textExpression}. */
    String textLength(String textExpression);

    /** {@code expression} converted to a date, or null when it is not one (including dates that do not exist). */
    String tryCastToDate(String expression);

    /**
     * {@code expression} converted to an instant, or null when it is not a timestamp or date: a zone or offset is
     * honoured where the value has one; a value without one is taken as UTC.
     */
    String tryCastToInstant(String expression);

    /** The milliseconds since 1970-01-01T00:00Z of the instant {@code instantExpression}. */
    String epochMillis(String instantExpression);

    /**
     * The aggregate {@code metric} over the floating-point {@code numberExpression}, ignoring nulls; null when there
     * is no value to aggregate.
     *
     * @param percentile the fraction for {@link Metric#PERCENTILE}, else ignored
     */
    default String aggregate(Metric metric, String numberExpression, BigDecimal percentile) {
        return switch (metric) {
            case MIN -> "min(" + numberExpression + ")";
            case MAX -> "max(" + numberExpression + ")";
            case AVG -> "avg(" + numberExpression + ")";
            case SUM -> "sum(" + numberExpression + ")";
            case STDDEV -> "stddev_samp(" + numberExpression + ")";
            case PERCENTILE -> percentile(numberExpression, percentile);
        };
    }

    /** The continuous (interpolated) percentile at {@code fraction} of {@code numberExpression}, ignoring nulls. */
    String percentile(String numberExpression, BigDecimal fraction);

    /** {@code expression} converted to a boolean, or null when it is not one. */
    String tryCastToBoolean(String expression);

    /** The number of distinct non-null values of {@code expression}, approximate where the engine has a sketch. */
    String approxDistinct(String expression);

    /**
     * The aggregates that gather samples of failing rows in the scan itself; empty when the engine has no capped list
     * aggregate, and samples are then fetched by one query per check.
     */
    default Optional<SampleAggregates> sampleAggregates() {
        return Optional.empty();
    }

    /** The number {@code numberExpression} rounded to {@code digits} (an integer literal) decimal places. */
    default String round(String numberExpression, String digits) {
        return "round(" + numberExpression + ", " + digits + ")";
    }
}
