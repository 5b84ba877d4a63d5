package dev.outpost.control.datasource;

/**
 * What a person gives to register or change a data source: files in S3 (bucket, prefix, format, glob, csv) or a
 * PostgreSQL table. In a change, an absent (null) field stays as it is.
 *
 * @param bucket files: the S3 bucket
 * @param prefix files: a key prefix or one full key
 * @param format files: {@code csv}, {@code parquet} or {@code json_lines}
 * @param glob   files: narrows the objects under the prefix; empty takes all
 * @param csv    files in CSV: how they are read; in a change it replaces the current options as a whole
 * @param table  a PostgreSQL table; in a change each given field replaces the current one
 */
public record DataSourceDefinition(String bucket, String prefix, String format, String glob,
        DataSourceView.CsvSettings csv, DataSourceView.DatabaseTableView table) {

    /** Nothing given. */
    public static final DataSourceDefinition NONE = new DataSourceDefinition(null, null, null, null, null, null);

    /** Whether any field of a file source is given. */
    boolean givesFiles() {
        return bucket != null || prefix != null || format != null || glob != null || csv != null;
    }

    boolean givesTable() {
        return table != null;
    }
}
