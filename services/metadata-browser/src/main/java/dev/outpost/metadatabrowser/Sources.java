package dev.outpost.metadatabrowser;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import dev.outpost.dq.scan.DataSet;
import dev.outpost.edge.InteractiveException;
import dev.outpost.proto.interactive.v1.DataSource;
import dev.outpost.proto.interactive.v1.FileFormat;
import dev.outpost.proto.interactive.v1.Row;
import dev.outpost.proto.interactive.v1.TransientView;

/** What the S3 and PostgreSQL sides of test_connection, browse and preview share. */
final class Sources {

    /** The contract's cap on a browse's limit. */
    static final int MAX_ENTRIES = 1000;

    private Sources() {
    }

    /** The source as a person recognises it, without any credential: {@code s3://bucket/prefix} or the JDBC URL. */
    static String describe(DataSource source) {
        return switch (source.getKindCase()) {
            case S3 -> "s3://" + source.getS3().getBucket() + "/" + source.getS3().getPrefix();
            case POSTGRES -> source.getPostgres().getJdbcUrl() + " (user '" + source.getPostgres().getUser() + "')";
            case KIND_NOT_SET -> "the data source";
        };
    }

    /** An object's format from its key's extension ({@code .gz} looked through). */
    static FileFormat formatOf(String key) {
        String name = key.toLowerCase(Locale.ROOT);
        name = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        if (name.endsWith(".csv")) {
            return FileFormat.FILE_FORMAT_CSV;
        }
        if (name.endsWith(".parquet")) {
            return FileFormat.FILE_FORMAT_PARQUET;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
            return FileFormat.FILE_FORMAT_JSON_LINES;
        }
        return FileFormat.FILE_FORMAT_UNKNOWN;
    }

    /**
     * A file name DuckDB reads in {@code format} whatever the key looks like (keys may hold glob characters).
     *
     * @param index tells apart the copies of one request
     */
    static String copyName(int index, String key, FileFormat format) {
        String gz = key.endsWith(".gz") ? ".gz" : "";
        return "object-" + index + switch (format) {
            case FILE_FORMAT_PARQUET -> ".parquet";
            case FILE_FORMAT_JSON_LINES -> ".jsonl" + gz;
            default -> ".csv" + gz;
        };
    }

    /** The copy as the engine's data set in {@code format}. */
    static DataSet dataSet(Path copy, FileFormat format) {
        return switch (format) {
            case FILE_FORMAT_PARQUET -> DataSet.parquet(List.of(copy));
            case FILE_FORMAT_JSON_LINES -> DataSet.jsonLines(List.of(copy));
            default -> DataSet.csv(List.of(copy));
        };
    }

    /** Rows as a transient view: each value as text, nulls as "" with their index in {@code nulls}. */
    static TransientView view(List<String> columns, List<List<String>> rows) {
        TransientView.Builder view = TransientView.newBuilder().addAllColumns(columns);
        for (List<String> values : rows) {
            Row.Builder row = view.addRowsBuilder();
            for (int i = 0; i < values.size(); i++) {
                String value = values.get(i);
                row.addValues(value == null ? "" : value);
                if (value == null) {
                    row.addNulls(i);
                }
            }
        }
        return view.build();
    }

    /** Checks a browse's limit and caps it. */
    static int browseLimit(int asked) {
        if (asked < 1) {
            throw InteractiveException.invalidRequest("limit " + asked + " is out of range: use 1 to "
                    + MAX_ENTRIES);
        }
        return Math.min(asked, MAX_ENTRIES);
    }
}
