package dev.outpost.bench;

import dev.outpost.dq.rules.RuleSet;
import dev.outpost.dq.rules.RuleSetParser;
import dev.outpost.dq.scan.CheckEvaluator;
import dev.outpost.dq.scan.CheckOutcome;
import dev.outpost.dq.scan.DataSet;
import dev.outpost.dq.scan.DuckDbWorkspace;
import dev.outpost.dq.scan.SampleSink;
import dev.outpost.dq.scan.ScanResult;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The ways of evaluating the benchmark's 8 checks. Each returns the 7 failure counts and the average amount, so the
 * benchmark can prove that all ways found the same.
 */
enum Variant {

    /** (a) Outpost as a job runs it: the rule set parsed, checked against the schema and compiled to one scan. */
    OUTPOST_SCAN("(a) Outpost compiled single scan") {
        @Override
        List<Double> run(Path directory, String format) {
            RuleSet rules = RuleSetParser.parse(BenchData.RULE_SET);
            Path file = BenchData.file(directory, format);
            DataSet data = format.equals("csv") ? DataSet.csv(List.of(file)) : DataSet.parquet(List.of(file));
            try (DuckDbWorkspace workspace = DuckDbWorkspace.open(directory)) {
                ScanResult result = new CheckEvaluator().evaluate(workspace, data, rules, 0, SampleSink.DISCARD);
                List<Double> found = new ArrayList<>();
                for (CheckOutcome outcome : result.checks()) {
                    found.add(outcome.observed().isPresent() ? outcome.observed().getAsDouble()
                            : (double) outcome.rowsFailed());
                }
                return found;
            }
        }
    },

    /** (b) One query per check, the way most DQ tools execute a suite. */
    QUERY_PER_CHECK("(b) one query per check (8 queries)") {
        @Override
        List<Double> run(Path directory, String format) throws SQLException {
            String from = " FROM " + relation(directory, format);
            List<String> queries = List.of(
                    "SELECT count(*)" + from + " WHERE email IS NULL",
                    "SELECT coalesce(sum(n), 0) FROM (SELECT id, count(*) AS n" + from
                            + " WHERE id IS NOT NULL GROUP BY id HAVING count(*) > 1)",
                    "SELECT count(*)" + from + " WHERE email IS NOT NULL AND NOT regexp_full_match(email, '"
                            + BenchData.EMAIL_PATTERN + "')",
                    "SELECT count(*)" + from + " WHERE age < 0 OR age > 120",
                    "SELECT count(*)" + from + " WHERE country NOT IN ('DE', 'FR', 'US', 'GB')",
                    "SELECT count(*)" + from + " WHERE length(code) > 3",
                    "SELECT count(*)" + from + " WHERE amount < 0",
                    "SELECT avg(amount)" + from);
            List<Double> found = new ArrayList<>();
            try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                    Statement statement = connection.createStatement()) {
                for (String query : queries) {
                    try (ResultSet result = statement.executeQuery(query)) {
                        result.next();
                        found.add(result.getDouble(1));
                    }
                }
            }
            return found;
        }
    },

    /**
     * (c) The single aggregate query an expert writes by hand: per-id partial counts in one pass, summed. Exact
     * duplicates without a window function.
     */
    HAND_WRITTEN("(c) hand-written single aggregate") {
        @Override
        List<Double> run(Path directory, String format) throws SQLException {
            String query = "SELECT sum(null_email), sum(CASE WHEN n > 1 THEN n ELSE 0 END), sum(bad_email),"
                    + " sum(bad_age), sum(bad_country), sum(bad_code), sum(bad_amount),"
                    + " sum(amount_sum) / sum(amount_count)"
                    + " FROM (SELECT id, count(*) AS n,"
                    + " count(*) FILTER (WHERE email IS NULL) AS null_email,"
                    + " count(*) FILTER (WHERE NOT regexp_full_match(email, '" + BenchData.EMAIL_PATTERN
                    + "')) AS bad_email,"
                    + " count(*) FILTER (WHERE age < 0 OR age > 120) AS bad_age,"
                    + " count(*) FILTER (WHERE country NOT IN ('DE', 'FR', 'US', 'GB')) AS bad_country,"
                    + " count(*) FILTER (WHERE length(code) > 3) AS bad_code,"
                    + " count(*) FILTER (WHERE amount < 0) AS bad_amount,"
                    + " sum(amount) AS amount_sum, count(amount) AS amount_count"
                    + " FROM " + relation(directory, format) + " GROUP BY id)";
            List<Double> found = new ArrayList<>();
            try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                    Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery(query)) {
                result.next();
                for (int i = 1; i <= 8; i++) {
                    found.add(result.getDouble(i));
                }
            }
            return found;
        }
    };

    private final String label;

    Variant(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** The variant's letter in the report and in {@code --variants}. */
    char letter() {
        return label.charAt(1);
    }

    /** The failure counts of the 7 row-level checks and the average amount. */
    abstract List<Double> run(Path directory, String format) throws SQLException;

    /** The same FROM item Outpost compiles for a single file, so every variant reads the file the same way. */
    private static String relation(Path directory, String format) {
        Path file = BenchData.file(directory, format).toAbsolutePath();
        return format.equals("csv") ? "read_csv(['" + file + "'], header = true)" : "read_parquet(['" + file + "'])";
    }
}
