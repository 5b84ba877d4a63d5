package dev.outpost.control.datasource;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.outpost.control.auth.Caller;
import dev.outpost.control.error.InvalidInputException;
import dev.outpost.control.link.InteractiveCalls;
import dev.outpost.proto.interactive.v1.BrowseFilesReply;
import dev.outpost.proto.interactive.v1.BrowseFilesRequest;
import dev.outpost.proto.interactive.v1.InteractiveRequest;

/** Lists a data source's files through the edge's metadata-browser (metadata only: names, sizes, columns). */
@ApplicationScoped
public class DataSourceFiles {

    static final int MAX_FILES = 1000;

    /**
     * The files under a data source's prefix.
     *
     * @param files     one entry per object, ordered by key
     * @param truncated whether more objects exist than were listed
     */
    public record FileListing(List<FileView> files, boolean truncated) {
    }

    /**
     * @param key            the object key
     * @param sizeBytes      its size
     * @param columns        the inferred columns
     * @param inferenceError why columns could not be inferred, if so
     */
    public record FileView(String key, long sizeBytes, List<ColumnView> columns, String inferenceError) {
    }

    /** @param name column name; @param type engine type name */
    public record ColumnView(String name, String type) {
    }

    private final InteractiveCalls interactive;

    DataSourceFiles(InteractiveCalls interactive) {
        this.interactive = interactive;
    }

    public FileListing list(Caller caller, String dataSourceId, int limit) {
        DataSource source = load(caller, dataSourceId);
        if (limit < 1 || limit > MAX_FILES) {
            throw new InvalidInputException("limit " + limit + " is out of range: use 1 to " + MAX_FILES);
        }
        BrowseFilesReply reply = interactive.call(caller, source.edgeId, InteractiveRequest.newBuilder()
                .setBrowseFiles(BrowseFilesRequest.newBuilder()
                        .setLocation(source.jobSource().getFiles())
                        .setLimit(limit)))
                .getBrowseFiles();
        return new FileListing(reply.getFilesList().stream()
                .map(f -> new FileView(f.getKey(), f.getSizeBytes(),
                        f.getColumnsList().stream().map(c -> new ColumnView(c.getName(), c.getType())).toList(),
                        f.getInferenceError().isEmpty() ? null : f.getInferenceError()))
                .toList(), reply.getTruncated());
    }

    @Transactional
    DataSource load(Caller caller, String id) {
        DataSource source = DataSourceService.require(caller.organisation("browse data sources"), id);
        if (source.isTable()) {
            throw new InvalidInputException("data source '" + source.name + "' is a PostgreSQL table, not files: its"
                    + " files cannot be listed; browse its database's schemas and tables with GET"
                    + " /api/v1/data-sources/" + source.id + "/browse instead");
        }
        return source;
    }
}
