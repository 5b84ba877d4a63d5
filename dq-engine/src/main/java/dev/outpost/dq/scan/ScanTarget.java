package dev.outpost.dq.scan;

import dev.outpost.dq.DataQualityException;
import dev.outpost.dq.sql.RowPositions;
import dev.outpost.dq.sql.SqlDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /**
     * A FROM-clause item and its columns, in order.
     *
     * @param positions how it numbers its rows, when its reader knows
     */
    record Relation(String sql, List<Column> columns, Optional<RowPositions> positions) {

        Relation {
            columns = List.copyOf(columns);
        }

        Relation(String sql, List<Column> columns) {
            this(sql, columns, Optional.empty());
        }

        List<String> columnNames() {
            return columns.stream().map(Column::name).toList();
        }
    }
}
