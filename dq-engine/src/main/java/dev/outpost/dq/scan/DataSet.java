package dev.outpost.dq.scan;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Files read together as one table. Columns are matched by name across files (a column missing from one file is null
 * in its rows, and differences between the files are reported with the scan result). Relative paths are resolved
 * against the workspace; {@link DuckDbWorkspace#matching} finds files by a glob pattern.
 *
 * @param format how every file is read
 * @param files one or more files inside the workspace
 * @param csv how CSV files are read; ignored for other formats
 */
public record DataSet(Format format, List<Path> files, CsvOptions csv) {

    /** File formats DuckDB reads without extensions. */
    public enum Format {
        /** Delimited text, UTF-8, read with {@link CsvOptions}; {@code .gz} is unpacked. */
        CSV,
        /** Parquet, any compression DuckDB reads natively. */
        PARQUET,
        /** JSON lines: one JSON object per line, its keys the columns; {@code .gz} is unpacked. */
        JSON_LINES
    }

    public DataSet {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(csv, "csv");
        files = List.copyOf(files);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("a data set needs at least one file");
        }
    }

    /** Files in {@code format}, CSV ones read with the default options. */
    public DataSet(Format format, List<Path> files) {
        this(format, files, CsvOptions.DEFAULT);
    }

    /** CSV files with a header row; column types are detected from the data, {@code .csv.gz} files are unpacked. */
    public static DataSet csv(List<Path> files) {
        return new DataSet(Format.CSV, files);
    }

    /** CSV files read with {@code options}. */
    public static DataSet csv(List<Path> files, CsvOptions options) {
        return new DataSet(Format.CSV, files, options);
    }

    /** Parquet files. */
    public static DataSet parquet(List<Path> files) {
        return new DataSet(Format.PARQUET, files);
    }

    /** JSON-lines files. */
    public static DataSet jsonLines(List<Path> files) {
        return new DataSet(Format.JSON_LINES, files);
    }
}
