package dev.outpost.dq.scan;

import java.nio.file.Path;
import java.util.List;

/**
 * Files read together as one table. Columns are matched by name across files (a column missing from one file is null
 * in its rows). Relative paths are resolved against the workspace.
 *
 * @param format how every file is read
 * @param files one or more files inside the workspace
 */
public record DataSet(Format format, List<Path> files) {

    /** File formats DuckDB reads without extensions. */
    public enum Format {
        /** Comma-separated (or another auto-detected delimiter) with a header row, UTF-8; {@code .gz} is unpacked. */
        CSV,
        /** Parquet, any compression DuckDB reads natively. */
        PARQUET
    }

    public DataSet {
        files = List.copyOf(files);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("a data set needs at least one file");
        }
    }

    /** CSV files with a header row; column types are detected from the data, {@code .csv.gz} files are unpacked. */
    public static DataSet csv(List<Path> files) {
        return new DataSet(Format.CSV, files);
    }

    /** Parquet files. */
    public static DataSet parquet(List<Path> files) {
        return new DataSet(Format.PARQUET, files);
    }
}
