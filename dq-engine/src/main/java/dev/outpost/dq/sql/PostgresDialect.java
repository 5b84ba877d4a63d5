package dev.outpost.dq.sql;

import java.math.BigDecimal;

/**
 * The PostgreSQL spelling of check predicates, for pushing a scan down to the database that holds the data.
 * PostgreSQL has no {@code TRY_CAST}, so conversions that may fail test the text's shape first and convert only
 * values that cannot make the cast fail. Patterns run on PostgreSQL's ARE engine, anchored to match the whole value;
 * rule sets keep patterns to the syntax RE2 and ARE share. String literals assume
 * {@code standard_conforming_strings = on}, which {@code PostgresPushdown} sets on its session.
 */
public final class PostgresDialect implements SqlDialect {

    private static final String NUMBER_SHAPE = "^\\s*[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]{1,3})?\\s*$";
    private static final String DATE_SHAPE = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";
    private static final String INSTANT_SHAPE = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
            + "([ T]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,6})?)?)?([zZ]|[+-][0-9]{2}(:?[0-9]{2})?)?$";
    private static final String BOOLEAN_TRUE = "('true', 't', 'yes', 'y', 'on', '1')";
    private static final String BOOLEAN_FALSE = "('false', 'f', 'no', 'n', 'off', '0')";

    @Override
    public String castToText(String expression) {
        return "CAST(" + expression + " AS TEXT)";
    }

    @Override
    public String tryCastToNumber(String expression) {
        String text = castToText(expression);
        return "CASE WHEN " + text + " ~ " + stringLiteral(NUMBER_SHAPE) + " THEN CAST(" + text
                + " AS DOUBLE PRECISION) END";
    }

    @Override
    public String regexFullMatch(String textExpression, String pattern) {
        return "(" + textExpression + " ~ " + stringLiteral("^(?:" + pattern + ")$") + ")";
    }

    @Override
    public String textLength(String textExpression) {
        return "char_length(" + textExpression + ")";
    }

    @Override
    public String tryCastToDate(String expression) {
        String text = castToText(expression);
        // CASE branches run in order, so make_date only sees a valid month and a year other than 0.
        String lastDay = "extract(day FROM make_date(CAST(substr(" + text + ", 1, 4) AS INTEGER), CAST(substr(" + text
                + ", 6, 2) AS INTEGER), 1) + INTERVAL '1 month - 1 day')";
        return "CASE WHEN NOT (" + text + " ~ " + stringLiteral(DATE_SHAPE) + ") THEN NULL"
                + " WHEN substr(" + text + ", 1, 4) = '0000' THEN NULL"
                + " WHEN CAST(substr(" + text + ", 9, 2) AS INTEGER) <= " + lastDay + " THEN CAST(" + text
                + " AS DATE) END";
    }

    @Override
    public String tryCastToInstant(String expression) {
        // Values without an offset are read in the session time zone, which PostgresPushdown pins to UTC. The date
        // part must exist (2026-11-31 does not) before the cast sees it.
        String text = castToText(expression);
        return "CASE WHEN NOT (" + text + " ~ " + stringLiteral(INSTANT_SHAPE) + ") THEN NULL"
                + " WHEN " + tryCastToDate("substr(" + text + ", 1, 10)") + " IS NULL THEN NULL"
                + " ELSE CAST(" + text + " AS TIMESTAMPTZ) END";
    }

    @Override
    public String epochMillis(String instantExpression) {
        return "(extract(epoch FROM " + instantExpression + ") * 1000)";
    }

    @Override
    public String percentile(String numberExpression, BigDecimal fraction) {
        return "percentile_cont(" + numberLiteral(fraction) + ") WITHIN GROUP (ORDER BY " + numberExpression
                + ")";
    }

    @Override
    public String tryCastToBoolean(String expression) {
        String text = "lower(trim(" + castToText(expression) + "))";
        return "CASE WHEN " + text + " IN " + BOOLEAN_TRUE + " THEN TRUE WHEN " + text + " IN " + BOOLEAN_FALSE
                + " THEN FALSE END";
    }

    @Override
    public String round(String numberExpression, String digits) {
        // round(double precision, integer) does not exist in PostgreSQL; numeric rounds half away from zero, as
        // DuckDB does.
        return "CAST(round(CAST(" + numberExpression + " AS NUMERIC), " + digits + ") AS DOUBLE PRECISION)";
    }

    @Override
    public String approxDistinct(String expression) {
        // PostgreSQL has no distinct-count sketch built in: the count is exact (and costs a sort or hash).
        return "count(DISTINCT " + expression + ")";
    }
}
