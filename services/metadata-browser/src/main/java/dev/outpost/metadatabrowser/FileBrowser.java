package dev.outpost.metadatabrowser;

import java.nio.file.Path;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.outpost.dq.scan.DataSet;
import dev.outpost.dq.scan.DataUnreadableException;
import dev.outpost.dq.scan.DuckDbWorkspace;
import dev.outpost.edge.InteractiveException;
import dev.outpost.proto.interactive.v1.BrowseFilesReply;
import dev.outpost.proto.interactive.v1.BrowseFilesRequest;
import dev.outpost.proto.interactive.v1.FileEntry;
import dev.outpost.proto.job.v1.ColumnInfo;
import dev.outpost.proto.job.v1.DataFormat;
import dev.outpost.proto.job.v1.DataLocation;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Answers browse_files: the objects under a data location's prefix with their sizes and inferred columns. Objects
 * are copied into the scratch directory of a {@link ReadyWorkspaces} workspace.
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
     * @throws InteractiveException INVALID_REQUEST for an incomplete request, NOT_FOUND for a missing bucket
     */
    BrowseFilesReply browse(BrowseFilesRequest request) {
        DataLocation location = request.getLocation();
        validate(request);
        DataObjects.Listing listing = objects.list(location.getBucket(), location.getPrefix(),
                Math.min(request.getLimit(), MAX_FILES));
        BrowseFilesReply.Builder reply = BrowseFilesReply.newBuilder().setTruncated(listing.truncated());
        // The engine's own locked-down workspace: a browse reads files exactly as a job will, so it shows the types a
        // job will see, and it can read nothing outside the scratch directory.
        try (ReadyWorkspaces.Workspace workspace = workspaces.take()) {
            for (int i = 0; i < listing.objects().size(); i++) {
                reply.addFiles(describe(location, listing.objects().get(i), workspace.directory().resolve(fileName(i,
                        location, listing.objects().get(i))), workspace.duckDb()));
            }
        }
        LOG.infof("Listed %d objects under s3://%s/%s (truncated: %s)", reply.getFilesCount(), location.getBucket(),
                location.getPrefix(), listing.truncated());
        return reply.build();
    }

    private FileEntry describe(DataLocation location, S3Object object, Path copy, DuckDbWorkspace workspace) {
        FileEntry.Builder entry = FileEntry.newBuilder().setKey(object.key()).setSizeBytes(object.size());
        try {
            boolean plainCsv = location.getFormat() == DataFormat.DATA_FORMAT_CSV && !object.key().endsWith(".gz");
            objects.sample(location.getBucket(), object, plainCsv, copy);
            boolean parquet = location.getFormat() == DataFormat.DATA_FORMAT_PARQUET;
            DataSet file = parquet ? DataSet.parquet(List.of(copy)) : DataSet.csv(List.of(copy));
            workspace.describe(file).forEach(column -> entry.addColumns(ColumnInfo.newBuilder()
                    .setName(column.name()).setType(column.type())));
        } catch (InferenceException e) {
            entry.setInferenceError(e.getMessage());
        } catch (DataUnreadableException e) {
            // Fixed text: the engine's reason names the copy in the scratch directory, which means nothing to a user.
            entry.setInferenceError(location.getFormat() == DataFormat.DATA_FORMAT_PARQUET
                    ? "not a readable Parquet file: columns not inferred"
                    : "not readable as CSV with a header row: columns not inferred");
        }
        return entry.build();
    }

    private static void validate(BrowseFilesRequest request) {
        DataLocation location = request.getLocation();
        if (location.getBucket().isBlank()) {
            throw InteractiveException.invalidRequest("browse_files needs a location with a bucket");
        }
        if (location.getFormat() != DataFormat.DATA_FORMAT_CSV && location.getFormat() != DataFormat.DATA_FORMAT_PARQUET) {
            throw InteractiveException.invalidRequest("browse_files needs the location's format (CSV or Parquet) to "
                    + "infer columns with; got " + location.getFormat());
        }
        if (request.getLimit() < 1) {
            throw InteractiveException.invalidRequest("limit " + request.getLimit() + " is out of range: use 1 to "
                    + MAX_FILES);
        }
    }

    /** A name DuckDB reads in the intended format whatever the key looks like (keys may hold glob characters). */
    private static String fileName(int index, DataLocation location, S3Object object) {
        String extension = switch (location.getFormat()) {
            case DATA_FORMAT_PARQUET -> ".parquet";
            default -> object.key().endsWith(".gz") ? ".csv.gz" : ".csv";
        };
        return "object-" + index + extension;
    }
}
