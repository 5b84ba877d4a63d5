package dev.outpost.dq.scan;

import dev.outpost.dq.DataQualityException;
import dev.outpost.dq.sql.SqlDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Where one evaluation runs: an engine connection, its dialect, the relation being checked and the reference
 * relations its {@code reference} checks read, each with its columns already read.
 *
 * @param references the reference relations, by the source names rule sets use
 * @param unreadable what a failed query means for the user, without quoting the data
 * @param description how log lines name the target
 */
record ScanTarget(Connection connection, SqlDialect dialect, Relation data, Map<String, Relation> references,
        Function<SQLException, DataQualityException> unreadable, String description) {

    ScanTarget {
        references = Map.copyOf(references);
    }

    /** A FROM-clause item and its columns, in order. */
    record Relation(String sql, List<Column> columns) {

        Relation {
            columns = List.copyOf(columns);
        }

        List<String> columnNames() {
            return columns.stream().map(Column::name).toList();
        }
    }
}
