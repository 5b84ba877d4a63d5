package dev.outpost.control.datasource;

import java.util.Locale;

import dev.outpost.control.error.InvalidInputException;
import dev.outpost.proto.job.v1.CsvCompression;
import dev.outpost.proto.job.v1.DataFormat;

/** The data formats and CSV compressions a data source may declare, by their API names. */
public final class DataFormats {

    /** The API name of CSV. */
    public static final String CSV = "csv";

    private DataFormats() {
    }

    /** The wire format for an API name ({@code csv}, {@code parquet}, {@code json_lines}), or a clear error. */
    public static DataFormat parse(String name) {
        return switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
            case CSV -> DataFormat.DATA_FORMAT_CSV;
            case "parquet" -> DataFormat.DATA_FORMAT_PARQUET;
            case "json_lines" -> DataFormat.DATA_FORMAT_JSON_LINES;
            default -> throw new InvalidInputException("format '" + (name == null ? "" : name)
                    + "' is not supported: use 'csv' (optionally .gz; see 'csv' for header, delimiter, quote and"
                    + " compression), 'parquet' or 'json_lines' (one JSON object per line, optionally .gz)");
        };
    }

    /** The API name of a wire format. */
    public static String name(DataFormat format) {
        return switch (format) {
            case DATA_FORMAT_CSV -> CSV;
            case DATA_FORMAT_PARQUET -> "parquet";
            case DATA_FORMAT_JSON_LINES -> "json_lines";
            default -> throw new IllegalArgumentException("No API name for " + format);
        };
    }

    /**
     * The stored name of a CSV compression given by its API name: {@code gzip}, {@code none}, or {@code auto} (or
     * absent) for "by the key's extension", stored as null.
     */
    public static String parseCompression(String name) {
        return switch (name == null ? "auto" : name.toLowerCase(Locale.ROOT)) {
            case "auto" -> null;
            case "gzip" -> "gzip";
            case "none" -> "none";
            default -> throw new InvalidInputException("csv.compression '" + name + "' is not supported: use 'gzip'"
                    + " (every object is gzip), 'none' (no object is) or 'auto' (a key ending in .gz is gzip)");
        };
    }

    /** The wire compression of a stored name (null: by extension). */
    public static CsvCompression compression(String stored) {
        return stored == null ? CsvCompression.CSV_COMPRESSION_BY_EXTENSION
                : "gzip".equals(stored) ? CsvCompression.CSV_COMPRESSION_GZIP : CsvCompression.CSV_COMPRESSION_NONE;
    }

    /** The API name of a wire compression: null for by-extension. */
    public static String compressionName(CsvCompression compression) {
        return switch (compression) {
            case CSV_COMPRESSION_GZIP -> "gzip";
            case CSV_COMPRESSION_NONE -> "none";
            default -> null;
        };
    }
}
