package dev.outpost.dq.sql;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** The DuckDB spelling of check predicates; patterns run on DuckDB's RE2 regex engine. */
public final class DuckDbDialect implements SqlDialect {

    /** {@code min(x, n)} keeps the n smallest values in a bounded heap, so a sample costs no more than n rows. */
    private static final SampleAggregates SAMPLE_AGGREGATES = new SampleAggregates() {

        @Override
        public String smallest(String expression, int limit) {
            return "min(" + expression + ", " + limit + ")";
        }

        @Override
        public String list(List<String> expressions) {
            return "[" + String.join(", ", expressions) + "]";
        }

        @Override
        public String element(String listExpression, int position) {
            return listExpression + "[" + position + "]";
        }

        @Override
        public String tuple(List<String> expressions) {
            return "row(" + String.join(", ", expressions) + ")";
        }

        @Override
        public String inBucket(List<String> expressions, int buckets) {
            return "(hash(" + String.join(", ", expressions) + ") % " + buckets + " = 0)";
        }

        @Override
        public String unnest(String listExpression) {
            return "unnest(" + listExpression + ")";
        }
    };

    @Override
    public Optional<SampleAggregates> sampleAggregates() {
        return Optional.of(SAMPLE_AGGREGATES);
    }

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
