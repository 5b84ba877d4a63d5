package dev.outpost.metadatabrowser;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.outpost.dq.scan.CsvOptions;
import dev.outpost.dq.scan.DataSet;
import dev.outpost.dq.scan.DataUnreadableException;
import dev.outpost.dq.scan.DuckDbWorkspace;
import dev.outpost.dq.scan.KeyGlob;
import dev.outpost.edge.InteractiveException;
import dev.outpost.proto.interactive.v1.BrowseFilesReply;
import dev.outpost.proto.interactive.v1.BrowseFilesRequest;
import dev.outpost.proto.interactive.v1.FileEntry;
import dev.outpost.proto.interactive.v1.FileFormat;
import dev.outpost.proto.job.v1.ColumnInfo;
import dev.outpost.proto.job.v1.DataFormat;
import dev.outpost.proto.job.v1.DataLocation;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Answers browse_files: the objects a job over a data location reads (under its prefix, matching its glob), with their
 * sizes and their columns inferred as the job reads them (its format and CSV options). Objects are copied into the
 * folder of a {@link ReadyWorkspaces} workspace.
 */
@ApplicationScoped
class FileBrowser {

    /** The contract's cap on a browse's limit. */
    static final int MAX_FILES = 1000;

    private static final Logger LOG = Logger.getLogger(FileBrowser.class);

    private final DataObjects objects;
    private final ReadyWorkspaces workspaces;

    FileBrowser(DataObjects objects, ReadyWorkspaces workspaces) {
        this.objects = objects;
        this.workspaces = workspaces;
    }

    /**
     * @throws InteractiveException INVALID_REQUEST for an incomplete request or malformed glob or CSV options,
     *     NOT_FOUND for a missing bucket
     */
    BrowseFilesReply browse(BrowseFilesRequest request) {
        DataLocation location = request.getLocation();
        validate(request);
        Optional<KeyGlob> glob = glob(location);
        FileFormat format = switch (location.getFormat()) {
            case DATA_FORMAT_PARQUET -> FileFormat.FILE_FORMAT_PARQUET;
            case DATA_FORMAT_JSON_LINES -> FileFormat.FILE_FORMAT_JSON_LINES;
            default -> FileFormat.FILE_FORMAT_CSV;
        };
        CsvOptions csv = csvOptions(location);
        // The objects a job over this location reads: those whose key, relative to the prefix, matches its glob.
        DataObjects.Listing listing = objects.list(location.getBucket(), location.getPrefix(),
                key -> glob.isEmpty() || glob.get().matches(key.substring(location.getPrefix().length())),
                Math.min(request.getLimit(), MAX_FILES));
        BrowseFilesReply.Builder reply = BrowseFilesReply.newBuilder().setTruncated(listing.truncated());
        // The engine's own locked-down workspace: a browse reads files exactly as a job will, so it shows the types a
        // job will see, and it can read nothing outside the scratch directory.
        try (ReadyWorkspaces.Workspace workspace = workspaces.take()) {
            for (int i = 0; i < listing.objects().size(); i++) {
                S3Object object = listing.objects().get(i);
                reply.addFiles(describe(location.getBucket(), object, format, csv,
                        workspace.directory().resolve(Sources.copyName(i, object.key(), format)), workspace.duckDb()));
            }
        }
        LOG.infof("Listed %d objects under s3://%s/%s (truncated: %s)", reply.getFilesCount(), location.getBucket(),
                location.getPrefix(), listing.truncated());
        return reply.build();
    }

    private FileEntry describe(String bucket, S3Object object, FileFormat format, CsvOptions csv, Path copy,
            DuckDbWorkspace workspace) {
        FileEntry.Builder entry = FileEntry.newBuilder().setKey(object.key()).setSizeBytes(object.size());
        boolean compressed = format == FileFormat.FILE_FORMAT_CSV
                ? csv.compression() == CsvOptions.Compression.GZIP
                        || csv.compression() == CsvOptions.Compression.BY_EXTENSION && object.key().endsWith(".gz")
                : object.key().endsWith(".gz");
        try {
            objects.sample(bucket, object, format != FileFormat.FILE_FORMAT_PARQUET && !compressed, copy);
            DataSet file = format == FileFormat.FILE_FORMAT_CSV ? new DataSet(DataSet.Format.CSV, List.of(copy), csv)
                    : Sources.dataSet(copy, format);
            workspace.describe(file).forEach(column -> entry.addColumns(ColumnInfo.newBuilder()
                    .setName(column.name()).setType(column.type())));
        } catch (InferenceException e) {
            entry.setInferenceError(e.getMessage());
        } catch (DataUnreadableException e) {
            // Fixed text: the engine's reason names the copy in the scratch directory, which means nothing to a user.
            entry.setInferenceError(switch (format) {
                case FILE_FORMAT_PARQUET -> "not a readable Parquet file: columns not inferred";
                case FILE_FORMAT_JSON_LINES -> "not readable as JSON lines (one object per line): columns not "
                        + "inferred";
                default -> "not readable as CSV with the data source's options: columns not inferred";
            });
        }
        return entry.build();
    }

    private static void validate(BrowseFilesRequest request) {
        DataLocation location = request.getLocation();
        if (location.getBucket().isBlank()) {
            throw InteractiveException.invalidRequest("browse_files needs a location with a bucket");
        }
        if (location.getFormat() != DataFormat.DATA_FORMAT_CSV && location.getFormat() != DataFormat.DATA_FORMAT_PARQUET
                && location.getFormat() != DataFormat.DATA_FORMAT_JSON_LINES) {
            throw InteractiveException.invalidRequest("browse_files needs the location's format (CSV, Parquet or "
                    + "JSON lines) to infer columns with; got " + location.getFormat());
        }
        if (request.getLimit() < 1) {
            throw InteractiveException.invalidRequest("limit " + request.getLimit() + " is out of range: use 1 to "
                    + MAX_FILES);
        }
    }

    private static Optional<KeyGlob> glob(DataLocation location) {
        if (location.getGlob().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(KeyGlob.compile(location.getGlob()));
        } catch (IllegalArgumentException e) {
            throw InteractiveException.invalidRequest("The data source's " + e.getMessage());
        }
    }

    private static CsvOptions csvOptions(DataLocation location) {
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
            throw InteractiveException.invalidRequest("The data source's options are malformed: " + e.getMessage());
        }
    }
}
