package dev.outpost.dq.scan;

import dev.outpost.dq.rules.Metric;
import dev.outpost.dq.sql.SqlDialect;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * Profiles every column of a data set: one aggregate scan for the counts, extremes, moments and quantiles of all
 * columns, then one grouped query per column for its most frequent values. See {@link DataProfile} for which parts
 * may leave the edge.
 */
public final class DataProfiler {

    private static final List<BigDecimal> QUANTILES = List.of(new BigDecimal("0.25"), new BigDecimal("0.5"),
            new BigDecimal("0.75"));
    /** Engine type names of numbers: DuckDB's and PostgreSQL's. */
    private static final Pattern NUMERIC = Pattern.compile(
            "(U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)|FLOAT|DOUBLE|REAL|DECIMAL.*|NUMERIC.*|INT[248]|FLOAT[48])",
            Pattern.CASE_INSENSITIVE);

    private final int topValues;

    /** @param topValues how many of each column's most frequent values to keep, at least 1 */
    public DataProfiler(int topValues) {
        if (topValues < 1) {
            throw new IllegalArgumentException("topValues must be at least 1, was " + topValues);
        }
        this.topValues = topValues;
    }

    /** Profiles files in a workspace. */
    public DataProfile profile(DuckDbWorkspace workspace, DataSet dataSet) {
        return profile(workspace.target(dataSet, Map.of()));
    }

    /** Profiles a PostgreSQL table where it is; only the aggregates come back. */
    public DataProfile profile(PostgresPushdown database, PostgresPushdown.Table table) {
        try {
            return profile(database.target(table, Map.of()));
        } finally {
            database.endScan();
        }
    }

    private DataProfile profile(ScanTarget target) {
        SqlDialect dialect = target.dialect();
        List<Column> columns = target.data().columns();
        List<String> aggregates = new ArrayList<>(List.of("count(*)"));
        for (Column column : columns) {
            String quoted = dialect.quoteIdentifier(column.name());
            aggregates.add("count(*) - count(" + quoted + ")");
            aggregates.add(dialect.approxDistinct(quoted));
            if (numeric(column)) {
                String number = dialect.tryCastToNumber(quoted);
                aggregates.add(dialect.castToText("min(" + quoted + ")"));
                aggregates.add(dialect.castToText("max(" + quoted + ")"));
                aggregates.add(dialect.aggregate(Metric.AVG, number, null));
                aggregates.add(dialect.aggregate(Metric.STDDEV, number, null));
                QUANTILES.forEach(q -> aggregates.add(dialect.aggregate(Metric.PERCENTILE, number, q)));
            } else {
                aggregates.add("min(" + dialect.castToText(quoted) + ")");
                aggregates.add("max(" + dialect.castToText(quoted) + ")");
            }
        }
        String sql = "SELECT " + String.join(", ", aggregates) + " FROM " + target.data().sql() + " AS profiled";
        try (Statement statement = target.connection().createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            long rows = result.getLong(1);
            int index = 2;
            List<DataProfile.ColumnProfile> profiles = new ArrayList<>();
            for (Column column : columns) {
                DataProfile.ColumnCounts counts = new DataProfile.ColumnCounts(result.getLong(index),
                        result.getLong(index + 1));
                String min = result.getString(index + 2);
                String max = result.getString(index + 3);
                index += 4;
                OptionalDouble mean = OptionalDouble.empty();
                OptionalDouble stddev = OptionalDouble.empty();
                Map<String, Double> quantiles = new LinkedHashMap<>();
                if (numeric(column)) {
                    mean = optional(result, index++);
                    stddev = optional(result, index++);
                    for (BigDecimal q : QUANTILES) {
                        OptionalDouble value = optional(result, index++);
                        if (value.isPresent()) {
                            quantiles.put(q.toPlainString(), value.getAsDouble());
                        }
                    }
                }
                profiles.add(new DataProfile.ColumnProfile(column.name(), column.type(), counts,
                        new DataProfile.ColumnValues(min, max, mean, stddev, quantiles, top(target, column))));
            }
            return new DataProfile(rows, profiles);
        } catch (SQLException e) {
            throw target.unreadable().apply(e);
        }
    }

    private List<DataProfile.ValueCount> top(ScanTarget target, Column column) throws SQLException {
        SqlDialect dialect = target.dialect();
        String value = dialect.castToText(dialect.quoteIdentifier(column.name()));
        String sql = "SELECT " + value + " AS profiled_value, count(*) AS occurrences FROM " + target.data().sql()
                + " AS profiled WHERE " + dialect.quoteIdentifier(column.name()) + " IS NOT NULL GROUP BY 1"
                + " ORDER BY 2 DESC, 1 LIMIT " + topValues;
        List<DataProfile.ValueCount> top = new ArrayList<>();
        try (Statement statement = target.connection().createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                top.add(new DataProfile.ValueCount(result.getString(1), result.getLong(2)));
            }
        }
        return top;
    }

    private static OptionalDouble optional(ResultSet result, int index) throws SQLException {
        double value = result.getDouble(index);
        return result.wasNull() || Double.isNaN(value) ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    private static boolean numeric(Column column) {
        return NUMERIC.matcher(column.type().toUpperCase(Locale.ROOT)).matches();
    }
}
