package dev.outpost.control.datasource;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
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

    @GET
    @Path("{id}/files")
    @Operation(summary = "List the data source's files with sizes and inferred columns",
            description = "Answered by the edge's metadata-browser; needs the edge to be connected.")
    public DataSourceFiles.FileListing files(@PathParam("id") String id,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        return files.list(caller.get(), id, limit);
    }
}
