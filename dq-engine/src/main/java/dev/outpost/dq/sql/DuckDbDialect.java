package dev.outpost.dq.sql;

import java.math.BigDecimal;

/** The DuckDB spelling of check predicates; patterns run on DuckDB's RE2 regex engine. */
public final class DuckDbDialect implements SqlDialect {

    @Override
    public String castToText(String expression) {
        return "CAST(" + expression + " AS VARCHAR)";
    }

    @Override
    public String tryCastToNumber(String expression) {
        return "TRY_CAST(" + expression + " AS DOUBLE)";
    }

    @Override
    public String regexFullMatch(String textExpression, String pattern) {
        return "regexp_full_match(" + textExpression + ", " + stringLiteral(pattern) + ")";
    }

    @Override
    public String tryCastToBoolean(String expression) {
        return "TRY_CAST(" + expression + " AS BOOLEAN)";
    }

    @Override
    public String textLength(String textExpression) {
        return "length(" + textExpression + ")";
    }

    @Override
    public String tryCastToDate(String expression) {
        return "TRY_CAST(" + expression + " AS DATE)";
    }

    @Override
    public String tryCastToInstant(String expression) {
        // Values without a zone are read in the session time zone, which DuckDbWorkspace pins to UTC.
        return "TRY_CAST(" + expression + " AS TIMESTAMPTZ)";
    }

    @Override
    public String epochMillis(String instantExpression) {
        return "epoch_ms(" + instantExpression + ")";
    }

    @Override
    public String percentile(String numberExpression, BigDecimal fraction) {
        return "quantile_cont(" + numberExpression + ", " + numberLiteral(fraction) + ")";
    }

    @Override
    public String approxDistinct(String expression) {
        return "approx_count_distinct(" + expression + ")";
    }
}
