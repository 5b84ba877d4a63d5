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
@Tag(name = "Data sources", description = "Locations in the customer's storage, each pinned to an edge")
@SecurityRequirement(name = ApiKeyResource.SCHEME)
public class DataSourceResource {

    /**
     * @param name   a unique name
     * @param edgeId the edge that reads it
     * @param bucket the S3 bucket
     * @param prefix a key prefix or one full key
     * @param format {@code csv} or {@code parquet}
     */
    public record CreateDataSource(String name, String edgeId, String bucket, String prefix, String format) {
    }

    /**
     * A change; an absent field stays as it is.
     *
     * @param name   a new unique name
     * @param edgeId if given, the data source's current edge (the edge cannot change)
     * @param bucket a new S3 bucket
     * @param prefix a new key prefix or full key ({@code ""} for the whole bucket)
     * @param format {@code csv} or {@code parquet}
     */
    public record UpdateDataSource(String name, String edgeId, String bucket, String prefix, String format) {
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
    @Operation(summary = "Register a data source on an edge")
    public DataSourceView create(CreateDataSource request) {
        return request == null ? dataSources.create(caller.get(), null, null, null, null, null)
                : dataSources.create(caller.get(), request.name(), request.edgeId(), request.bucket(), request.prefix(),
                        request.format());
    }

    @GET
    @Operation(summary = "List data sources")
    public List<DataSourceView> list() {
        return dataSources.list(caller.get());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Get one data source")
    public DataSourceView get(@PathParam("id") String id) {
        return dataSources.get(caller.get(), id);
    }

    @PATCH
    @Path("{id}")
    @Operation(summary = "Change a data source's name, bucket, prefix or format",
            description = "Absent fields stay as they are. The edge cannot change (400): register a new data source "
                    + "on the other edge. Jobs already submitted keep the location they were given.")
    public DataSourceView update(@PathParam("id") String id, UpdateDataSource request) {
        UpdateDataSource change = request == null ? new UpdateDataSource(null, null, null, null, null) : request;
        return dataSources.update(caller.get(), id, change.name(), change.edgeId(), change.bucket(), change.prefix(),
                change.format());
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
