package dev.outpost.control.browse;

import java.util.List;
import java.util.Locale;

import dev.outpost.control.datasource.DataSourceFiles.ColumnView;
import dev.outpost.proto.job.v1.ColumnInfo;
import dev.outpost.proto.job.v1.RowCountKind;

/** Metadata from the edge (columns, row-count kinds) as the REST API shows it, for browse listings and the catalog. */
public final class MetadataViews {

    private MetadataViews() {
    }

    /** Columns as name and type. */
    public static List<ColumnView> columns(List<ColumnInfo> columns) {
        return columns.stream().map(c -> new ColumnView(c.getName(), c.getType())).toList();
    }

    /** {@code exact}, {@code estimated} or {@code unknown}. */
    public static String rowCountKind(RowCountKind kind) {
        return switch (kind) {
            case ROW_COUNT_EXACT, ROW_COUNT_ESTIMATED -> kind.name().substring("ROW_COUNT_".length())
                    .toLowerCase(Locale.ROOT);
            default -> "unknown";
        };
    }

    /** The wire kind of {@link #rowCountKind(RowCountKind)}'s name. */
    public static RowCountKind rowCountKind(String name) {
        return switch (name) {
            case "exact" -> RowCountKind.ROW_COUNT_EXACT;
            case "estimated" -> RowCountKind.ROW_COUNT_ESTIMATED;
            default -> RowCountKind.ROW_COUNT_UNKNOWN;
        };
    }
}
