package dev.outpost.control.datasource;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.outpost.proto.job.v1.CsvOptions;
import dev.outpost.proto.job.v1.DataLocation;
import dev.outpost.proto.job.v1.DatabaseTable;
import dev.outpost.proto.job.v1.JobSource;
import dev.outpost.proto.job.v1.PostgresDatabase;

/**
 * Data pinned to the edge that can read it: objects in the customer's S3 ({@link #FILES}) or a table in the
 * customer's PostgreSQL ({@link #TABLE}). For a table only the reference to the password's secret is held; the edge
 * resolves it.
 */
@Entity
@Table(name = "data_source")
public class DataSource extends PanacheEntityBase {

    /** {@link #kind} of objects in S3. */
    public static final String FILES = "files";
    /** {@link #kind} of a PostgreSQL table. */
    public static final String TABLE = "table";

    @Id
    public UUID id;

    /** The organisation that owns the data source (and its edge). */
    @Column(name = "organisation_id")
    public UUID organisationId;

    public String name;

    @Column(name = "edge_id")
    public UUID edgeId;

    /** {@link #FILES} or {@link #TABLE}; it never changes. */
    public String kind;

    /** Files: the bucket. */
    public String bucket;

    /** Files: the key prefix or one full key. */
    public String prefix;

    /** Files: {@code csv}, {@code parquet} or {@code json_lines}. */
    public String format;

    /** Files: narrows the objects under the prefix; null takes all. */
    public String glob;

    /** Files, CSV: whether the first line names the columns; null means it does. */
    @Column(name = "csv_header")
    public Boolean csvHeader;

    /** Files, CSV: the delimiter; null to detect. */
    @Column(name = "csv_delimiter")
    public String csvDelimiter;

    /** Files, CSV: the quote character; null to detect. */
    @Column(name = "csv_quote")
    public String csvQuote;

    /** Files, CSV: {@code gzip} or {@code none}; null decides by the key's extension. */
    @Column(name = "csv_compression")
    public String csvCompression;

    /** Table: {@code jdbc:postgresql://host:port/database}, without credentials. */
    @Column(name = "jdbc_url")
    public String jdbcUrl;

    /** Table: the user to connect as. */
    @Column(name = "db_user")
    public String user;

    /** Table: where the edge finds the password, {@code env:NAME} or {@code file:/absolute/path}. */
    @Column(name = "password_secret")
    public String passwordSecret;

    /** Table: its schema. */
    @Column(name = "db_schema")
    public String schema;

    /** Table: its name. */
    @Column(name = "db_table")
    public String table;

    @Column(name = "created_at")
    public Instant createdAt;

    /** When it was last changed; null before the first change. */
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** When it was deleted: the row stays for the jobs that ran on it, but no API call finds it any more. */
    @Column(name = "deleted_at")
    public Instant deletedAt;

    public boolean isTable() {
        return TABLE.equals(kind);
    }

    /**
     * The data source as a job (or an interactive request) reads it: the one translation of a data source to the
     * edge's terms, used by every job kind.
     */
    public JobSource jobSource() {
        if (isTable()) {
            return JobSource.newBuilder().setTable(DatabaseTable.newBuilder()
                    .setDatabase(PostgresDatabase.newBuilder()
                            .setJdbcUrl(jdbcUrl)
                            .setUser(user)
                            .setPasswordSecret(passwordSecret))
                    .setSchema(schema)
                    .setTable(table)).build();
        }
        DataLocation.Builder location = DataLocation.newBuilder()
                .setBucket(bucket)
                .setPrefix(prefix)
                .setFormat(DataFormats.parse(format))
                .setGlob(glob == null ? "" : glob);
        if (DataFormats.CSV.equals(format)) {
            CsvOptions.Builder csv = CsvOptions.newBuilder()
                    .setDelimiter(csvDelimiter == null ? "" : csvDelimiter)
                    .setQuote(csvQuote == null ? "" : csvQuote)
                    .setCompression(DataFormats.compression(csvCompression));
            if (csvHeader != null) {
                csv.setHeader(csvHeader);
            }
            location.setCsv(csv);
        }
        return JobSource.newBuilder().setFiles(location).build();
    }
}
