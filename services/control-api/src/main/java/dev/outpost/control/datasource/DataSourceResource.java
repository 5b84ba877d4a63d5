package dev.outpost.control.datasource;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import dev.outpost.control.auth.ApiKeyResource;
import dev.outpost.control.auth.CurrentCaller;

/** REST: data sources. */
@Path("/api/v1/data-sources")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Data sources", description = "Files in the customer's storage or tables in the customer's database, "
        + "each pinned to an edge")
@SecurityRequirement(name = ApiKeyResource.SCHEME)
public class DataSourceResource {

    /**
     * A data source: files in S3 (bucket, format and optionally prefix, glob, csv) or a PostgreSQL table (table).
     *
     * @param name   a unique name
     * @param edgeId the edge that reads it
     * @param bucket files: the S3 bucket
     * @param prefix files: a key prefix or one full key (default: the whole bucket)
     * @param format files: {@code csv}, {@code parquet} or {@code json_lines}
     * @param glob   files: narrows the objects under the prefix, e.g. {@code 2026/**}{@code /*.csv}
     * @param csv    files in CSV: header, delimiter, quote, compression (absent fields are detected)
     * @param table  a PostgreSQL table: jdbcUrl (without credentials), user, passwordSecret ({@code env:NAME} or
     *               {@code file:/absolute/path} on the edge), schema, table
     */
    public record CreateDataSource(String name, String edgeId, String bucket, String prefix, String format,
            String glob, DataSourceView.CsvSettings csv, DataSourceView.DatabaseTableView table) {
    }

    /**
     * A change; an absent field stays as it is.
     *
     * @param name   a new unique name
     * @param edgeId if given, the data source's current edge (the edge cannot change)
     * @param bucket files: a new S3 bucket
     * @param prefix files: a new key prefix or full key ({@code ""} for the whole bucket)
     * @param format files: {@code csv}, {@code parquet} or {@code json_lines}
     * @param glob   files: a new glob ({@code ""} for every object under the prefix)
     * @param csv    files in CSV: new options, replacing the current ones as a whole
     * @param table  a table: the fields to change (absent ones stay)
     */
    public record UpdateDataSource(String name, String edgeId, String bucket, String prefix, String format,
            String glob, DataSourceView.CsvSettings csv, DataSourceView.DatabaseTableView table) {
    }

    private final DataSourceService dataSources;
    private final DataSourceFiles files;
    private final CurrentCaller caller;

    DataSourceResource(DataSourceService dataSources, DataSourceFiles files, CurrentCaller caller) {
        this.dataSources = dataSources;
        this.files = files;
        this.caller = caller;
    }

    @POST
    @ResponseStatus(201)
    @Operation(summary = "Register a data source on an edge",
            description = "Files in S3 (bucket, format, optional prefix, glob, csv) or a PostgreSQL table (table); "
                    + "for a table, give the password's secret reference on the edge, never the password.")
    public DataSourceView create(CreateDataSource request) {
        CreateDataSource given = request == null
                ? new CreateDataSource(null, null, null, null, null, null, null, null) : request;
        return DataSourceView.of(dataSources.create(caller.get(), given.name(), given.edgeId(),
                new DataSourceDefinition(given.bucket(), given.prefix(), given.format(), given.glob(), given.csv(),
                        given.table())));
    }

    @GET
    @Operation(summary = "List data sources")
    public List<DataSourceView> list() {
        return dataSources.list(caller.get()).stream().map(DataSourceView::of).toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Get one data source")
    public DataSourceView get(@PathParam("id") String id) {
        return DataSourceView.of(dataSources.get(caller.get(), id));
    }

    @PATCH
    @Path("{id}")
    @Operation(summary = "Change a data source's name, location or table",
            description = "Absent fields stay as they are. The edge cannot change, nor can files become a table or "
                    + "back (400): register a new data source. Jobs already submitted keep the source they were given.")
    public DataSourceView update(@PathParam("id") String id, UpdateDataSource request) {
        UpdateDataSource change = request == null
                ? new UpdateDataSource(null, null, null, null, null, null, null, null) : request;
        return DataSourceView.of(dataSources.update(caller.get(), id, change.name(), change.edgeId(),
                new DataSourceDefinition(change.bucket(), change.prefix(), change.format(), change.glob(),
                        change.csv(), change.table())));
    }

    @DELETE
    @Path("{id}")
    @ResponseStatus(204)
    @Operation(summary = "Delete a data source", description = "Its jobs stay readable and its name can be used "
            + "again. Refused with 409 while a job on it is queued or running.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("id") String id) {
        dataSources.delete(caller.get(), id);
    }

    @GET
    @Path("{id}/files")
    @Operation(summary = "List the data source's files with sizes and inferred columns",
            description = "Answered by the edge's metadata-browser; needs the edge to be connected.")
    public DataSourceFiles.FileListing files(@PathParam("id") String id,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        return files.list(caller.get(), id, limit);
    }
}
