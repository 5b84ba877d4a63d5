package dev.outpost.control.datasource;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.outpost.proto.job.v1.CsvOptions;
import dev.outpost.proto.job.v1.DataLocation;
import dev.outpost.proto.job.v1.DatabaseTable;
import dev.outpost.proto.job.v1.JobSource;

/**
 * A data source as the REST API shows it: files in S3 ({@code kind} {@code files}: bucket, prefix, format, glob, csv)
 * or a PostgreSQL table ({@code kind} {@code table}: table).
 *
 * @param id        its id
 * @param name      its unique name
 * @param edgeId    the edge whose compute plane reads it
 * @param kind      {@code files} or {@code table}
 * @param bucket    files: the S3 bucket in the customer's account
 * @param prefix    files: the key prefix (every object under it is part of the data set) or one full key
 * @param format    files: {@code csv}, {@code parquet} or {@code json_lines}
 * @param glob      files: narrows the objects under the prefix (absent: all of them)
 * @param csv       files in CSV: how they are read (absent: everything detected)
 * @param table     table: the database, how to log in and the table
 * @param createdAt when it was registered
 * @param updatedAt when it was last changed (absent if never)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataSourceView(String id, String name, String edgeId, String kind, String bucket, String prefix,
        String format, String glob, CsvSettings csv, DatabaseTableView table, Instant createdAt, Instant updatedAt) {

    /**
     * How CSV objects are read; an absent field is detected from the data.
     *
     * @param header      whether the first line names the columns (default true)
     * @param delimiter   the one character between values, e.g. {@code ;}
     * @param quote       the one character around values holding the delimiter
     * @param compression {@code gzip}, {@code none} or {@code auto} (a key ending in {@code .gz} is gzip; default)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CsvSettings(Boolean header, String delimiter, String quote, String compression) {
    }

    /**
     * A PostgreSQL table, checked where it is.
     *
     * @param jdbcUrl        {@code jdbc:postgresql://host:port/database}, without credentials
     * @param user           the user to connect as
     * @param passwordSecret where the edge finds the password: {@code env:NAME} or {@code file:/absolute/path}
     * @param schema         the table's schema, e.g. {@code public}
     * @param table          the table or view, its name exact (case included)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DatabaseTableView(String jdbcUrl, String user, String passwordSecret, String schema, String table) {
    }

    /** The view of a data source, read from its {@link DataSource#jobSource()}. */
    static DataSourceView of(DataSource source) {
        JobSource read = source.jobSource();
        String id = source.id.toString();
        String edge = source.edgeId.toString();
        if (read.hasTable()) {
            DatabaseTable t = read.getTable();
            return new DataSourceView(id, source.name, edge, source.kind, null, null, null, null, null,
                    new DatabaseTableView(t.getDatabase().getJdbcUrl(), t.getDatabase().getUser(),
                            t.getDatabase().getPasswordSecret(), t.getSchema(), t.getTable()),
                    source.createdAt, source.updatedAt);
        }
        DataLocation files = read.getFiles();
        return new DataSourceView(id, source.name, edge, source.kind, files.getBucket(), files.getPrefix(),
                DataFormats.name(files.getFormat()), files.getGlob().isEmpty() ? null : files.getGlob(),
                files.hasCsv() ? csv(files.getCsv()) : null, null, source.createdAt, source.updatedAt);
    }

    private static CsvSettings csv(CsvOptions options) {
        CsvSettings csv = new CsvSettings(options.hasHeader() ? options.getHeader() : null,
                options.getDelimiter().isEmpty() ? null : options.getDelimiter(),
                options.getQuote().isEmpty() ? null : options.getQuote(),
                DataFormats.compressionName(options.getCompression()));
        return csv.equals(new CsvSettings(null, null, null, null)) ? null : csv;
    }
}
