package dev.outpost.runner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.outpost.dq.scan.CsvOptions;
import dev.outpost.dq.scan.DataSet;
import dev.outpost.dq.scan.DataUnreadableException;
import dev.outpost.dq.scan.DuckDbLimits;
import dev.outpost.dq.scan.DuckDbWorkspace;
import dev.outpost.dq.scan.KeyGlob;
import dev.outpost.dq.scan.PostgresPushdown;
import dev.outpost.dq.secrets.SecretReference;
import dev.outpost.dq.secrets.SecretUnavailableException;
import dev.outpost.proto.job.v1.DataFormat;
import dev.outpost.proto.job.v1.DataLocation;
import dev.outpost.proto.job.v1.DatabaseTable;
import dev.outpost.proto.job.v1.JobKind;
import dev.outpost.proto.job.v1.JobSource;
import dev.outpost.proto.job.v1.JobSpec;
import dev.outpost.proto.job.v1.PostgresDatabase;

/**
 * Opens a job's source and its reference sources. Files are downloaded into the workspace ({@value #DATA} for the
 * data, one numbered folder under {@value #REFERENCES} per reference) and read by a DuckDB locked into the workspace;
 * a table is read in a read-only PostgreSQL session whose password is resolved on the edge from its secret reference.
 * Everything about the source that can be checked without reading it is checked before anything is downloaded.
 */
@ApplicationScoped
class SourceOpener {

    /** The workspace folder the data's objects are downloaded into. */
    static final String DATA = "data";
    /** The workspace folder holding one folder per reference source. */
    static final String REFERENCES = "references";

    private final DataDownloader downloader;
    private final DuckDbLimits duckDbLimits;
    private final PostgresPushdown.Timeouts databaseTimeouts;

    SourceOpener(DataDownloader downloader, RunnerConfig config) {
        this.downloader = downloader;
        this.databaseTimeouts = new PostgresPushdown.Timeouts(config.database().connectTimeout(),
                config.database().queryTimeout());
        // Built here so that a limit DuckDB would not accept stops the runner before it takes a job.
        this.duckDbLimits = new DuckDbLimits(config.duckdb().memoryLimit(), config.duckdb().threads());
    }

    /**
     * @param progress hears how the data's download advances (references are downloaded after it, silently)
     * @throws JobFailedException INVALID_SOURCE for a malformed source, DATA_NOT_FOUND when there are no objects,
     *     SECRET_UNAVAILABLE when a database password cannot be found, DATA_UNREADABLE when the database refuses,
     *     DATABASE_TIMEOUT when it does not answer in time
     */
    OpenedSource open(JobSpec spec, Path workspace, DataDownloader.Progress progress) {
        return switch (spec.getSourceCase()) {
            case LOCATION -> openFiles(spec, workspace, progress);
            case TABLE -> openTable(spec);
            case SOURCE_NOT_SET -> throw new JobFailedException(JobFailedException.INVALID_SOURCE, "the job names no"
                    + " data source (neither a location nor a table): submit it again with its data source");
        };
    }

    /** A file source checked as far as it can be without reading it: how its objects are found and read. */
    private record FileSource(DataLocation location, DataSet.Format format, CsvOptions csv) {

        DataSet dataSet(List<DataDownloader.Download> downloads) {
            return new DataSet(format, downloads.stream().map(DataDownloader.Download::file).toList(), csv);
        }
    }

    private OpenedSource.Files openFiles(JobSpec spec, Path workspace, DataDownloader.Progress progress) {
        FileSource data = fileSource(spec.getLocation(), "the data source");
        Map<String, FileSource> referenceSources = new TreeMap<>();
        spec.getReferencesMap().forEach((name, reference) -> {
            if (!reference.hasFiles()) {
                throw new JobFailedException(JobFailedException.INVALID_SOURCE, referenceSource(name) + " is a "
                        + "database table, but the job reads files: a file source's references must be files too "
                        + "(they are joined in the job's DuckDB workspace)");
            }
            referenceSources.put(name, fileSource(reference.getFiles(), referenceSource(name)));
        });

        // A metadata import reads no row of a Parquet object (its footer holds the columns and the row counts), and
        // reads the other objects one at a time (MetadataImport fetches each and deletes it after).
        DataDownloader.Fetch fetch = spec.getKind() != JobKind.JOB_KIND_METADATA_IMPORT ? DataDownloader.Fetch.WHOLE
                : data.format() == DataSet.Format.PARQUET ? DataDownloader.Fetch.PARQUET_FOOTER
                        : DataDownloader.Fetch.LATER;
        List<DataDownloader.Download> downloads = downloader.download(data.location(), workspace.resolve(DATA),
                progress, fetch);
        Map<String, DataSet> references = new LinkedHashMap<>();
        List<DataDownloader.Download> referenceDownloads = new ArrayList<>();
        referenceSources.forEach((name, reference) -> {
            Path folder = workspace.resolve(REFERENCES).resolve(String.format("%03d", references.size()));
            List<DataDownloader.Download> files;
            try {
                files = downloader.download(reference.location(), folder, DataDownloader.Progress.NONE,
                        DataDownloader.Fetch.WHOLE);
            } catch (JobFailedException e) {
                throw new JobFailedException(e.code(), referenceSource(name) + ": " + e.getMessage());
            }
            references.put(name, reference.dataSet(files));
            referenceDownloads.addAll(files);
        });
        return new OpenedSource.Files(DuckDbWorkspace.open(workspace, duckDbLimits), data.dataSet(downloads),
                downloads, references, referenceDownloads);
    }

    /**
     * @throws JobFailedException DATA_UNREADABLE for a missing format, INVALID_SOURCE for malformed CSV options or
     *     glob
     */
    private static FileSource fileSource(DataLocation location, String what) {
        if (!location.getGlob().isEmpty()) {
            try {
                KeyGlob.compile(location.getGlob());
            } catch (IllegalArgumentException e) {
                throw new JobFailedException(JobFailedException.INVALID_SOURCE, what + ": " + e.getMessage());
            }
        }
        return new FileSource(location, format(location, what), csvOptions(location, what));
    }

    private OpenedSource.Table openTable(JobSpec spec) {
        DatabaseTable table = spec.getTable();
        PostgresDatabase database = table.getDatabase();
        boolean wholeSchema = spec.getKind() == JobKind.JOB_KIND_METADATA_IMPORT;
        requireNamed(table, "the data source", wholeSchema);
        Map<String, PostgresPushdown.Table> references = new TreeMap<>();
        spec.getReferencesMap().forEach((name, reference) -> references.put(name, referenceTable(name, reference,
                database)));
        SecretReference password;
        try {
            password = SecretReference.parse(database.getPasswordSecret());
        } catch (IllegalArgumentException e) {
            throw new JobFailedException(JobFailedException.INVALID_SOURCE, "the password of " + database.getJdbcUrl()
                    + ": " + e.getMessage());
        }
        try {
            return new OpenedSource.Table(PostgresPushdown.connect(database.getJdbcUrl(), database.getUser(),
                    password, databaseTimeouts), new PostgresPushdown.Table(table.getSchema(), table.getTable()), references);
        } catch (SecretUnavailableException e) {
            throw new JobFailedException(JobFailedException.SECRET_UNAVAILABLE, "the password of user '"
                    + database.getUser() + "' on " + database.getJdbcUrl() + " (secret " + password
                    + ") cannot be found: " + e.getMessage());
        } catch (DataUnreadableException e) {
            throw OpenedSource.failure(e, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new JobFailedException(JobFailedException.INVALID_SOURCE, e.getMessage());
        }
    }

    /** A reference of a table source: a table in the same database, read in the same session. */
    private static PostgresPushdown.Table referenceTable(String name, JobSource reference, PostgresDatabase database) {
        String what = referenceSource(name);
        if (!reference.hasTable()) {
            throw new JobFailedException(JobFailedException.INVALID_SOURCE, what + " is files, but the job reads a "
                    + "database table: a table's references must be tables in the same database (the check runs there)");
        }
        PostgresDatabase referenceDatabase = reference.getTable().getDatabase();
        if (!referenceDatabase.getJdbcUrl().equals(database.getJdbcUrl())
                || !referenceDatabase.getUser().equals(database.getUser())) {
            throw new JobFailedException(JobFailedException.INVALID_SOURCE, what + " is in "
                    + referenceDatabase.getJdbcUrl() + " as user '" + referenceDatabase.getUser() + "', the data in "
                    + database.getJdbcUrl() + " as user '" + database.getUser() + "': a table's references must be "
                    + "read in the same database as the same user");
        }
        requireNamed(reference.getTable(), what, false);
        return new PostgresPushdown.Table(reference.getTable().getSchema(), reference.getTable().getTable());
    }

    private static String referenceSource(String name) {
        return "reference source '" + name + "'";
    }

    private static void requireNamed(DatabaseTable table, String what, boolean wholeSchema) {
        if (table.getSchema().isEmpty() || table.getTable().isEmpty() && !wholeSchema) {
            throw new JobFailedException(JobFailedException.INVALID_SOURCE, what + " names no "
                    + (table.getSchema().isEmpty() ? "schema" : "table") + ": give the table's schema (e.g. public)"
                    + " and name");
        }
    }

    private static DataSet.Format format(DataLocation location, String what) {
        return switch (location.getFormat()) {
            case DATA_FORMAT_CSV -> DataSet.Format.CSV;
            case DATA_FORMAT_PARQUET -> DataSet.Format.PARQUET;
            case DATA_FORMAT_JSON_LINES -> DataSet.Format.JSON_LINES;
            default -> throw new JobFailedException(JobFailedException.DATA_UNREADABLE, what + " does not say how "
                    + "its data is encoded (format " + location.getFormat() + "): set its format to CSV, Parquet or"
                    + " JSON lines");
        };
    }

    /** The engine's CSV options from the wire's; anything left empty is detected from the data. */
    private static CsvOptions csvOptions(DataLocation location, String what) {
        if (location.getFormat() != DataFormat.DATA_FORMAT_CSV) {
            return CsvOptions.DEFAULT;
        }
        dev.outpost.proto.job.v1.CsvOptions wire = location.getCsv();
        try {
            return CsvOptions.of(!wire.hasHeader() || wire.getHeader(), wire.getDelimiter(), wire.getQuote(),
                    switch (wire.getCompression()) {
                        case CSV_COMPRESSION_GZIP -> CsvOptions.Compression.GZIP;
                        case CSV_COMPRESSION_NONE -> CsvOptions.Compression.NONE;
                        default -> CsvOptions.Compression.BY_EXTENSION;
                    });
        } catch (IllegalArgumentException e) {
            throw new JobFailedException(JobFailedException.INVALID_SOURCE, what + ": " + e.getMessage()
                    + "; fix its CSV options");
        }
    }
}
