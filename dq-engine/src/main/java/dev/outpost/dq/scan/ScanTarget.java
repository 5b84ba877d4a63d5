package dev.outpost.dq.scan;

import dev.outpost.dq.DataQualityException;
import dev.outpost.dq.sql.SqlDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Where one evaluation runs: an engine connection, its dialect, the relation being checked and the reference
 * relations its {@code reference} checks read, each with its columns already read.
 */
interface ScanTarget {

    /** A FROM-clause item and its columns, in order. */
    record Relation(String sql, List<Column> columns) {

        public Relation {
            columns = List.copyOf(columns);
        }

        public List<String> columnNames() {
            return columns.stream().map(Column::name).toList();
        }
    }

    Connection connection();

    SqlDialect dialect();

    /** The relation being checked. */
    Relation data();

    /** The reference relations, by the source names rule sets use. */
    Map<String, Relation> references();

    /** What a failed query means for the user, without quoting the data. */
    DataQualityException unreadable(SQLException error);

    /** How log lines name the target. */
    String description();
}
