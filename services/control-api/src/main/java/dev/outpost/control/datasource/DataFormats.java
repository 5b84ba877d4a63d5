package dev.outpost.control.datasource;

import java.util.Locale;

import dev.outpost.control.error.InvalidInputException;
import dev.outpost.proto.job.v1.DataFormat;

/** The data formats a data source may declare, by their API names. */
public final class DataFormats {

    private DataFormats() {
    }

    /** The wire format for an API name ({@code csv}, {@code parquet}), or a clear error. */
    public static DataFormat parse(String name) {
        return switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
            case "csv" -> DataFormat.DATA_FORMAT_CSV;
            case "parquet" -> DataFormat.DATA_FORMAT_PARQUET;
            default -> throw new InvalidInputException("format '" + (name == null ? "" : name)
                    + "' is not supported: use 'csv' (with a header row, optionally .gz) or 'parquet'");
        };
    }

    /** The API name of a wire format. */
    public static String name(DataFormat format) {
        return switch (format) {
            case DATA_FORMAT_CSV -> "csv";
            case DATA_FORMAT_PARQUET -> "parquet";
            default -> throw new IllegalArgumentException("No API name for " + format);
        };
    }
}
