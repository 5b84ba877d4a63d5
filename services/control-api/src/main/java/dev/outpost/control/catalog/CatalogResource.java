package dev.outpost.control.catalog;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
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
import dev.outpost.control.job.JobView;

/** REST: the catalog. */
@Path("/api/v1/catalog")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Catalog", description = "Objects and tables of data sources with their columns and row counts, as "
        + "metadata imports found them")
@SecurityRequirement(name = ApiKeyResource.SCHEME)
public class CatalogResource {

    /**
     * What to import. Without a scope, the data source's own location (its prefix, or its table).
     *
     * @param dataSourceId the data source
     * @param prefix       files: every object under this prefix (inside the data source's prefix)
     * @param key          files: one object by its full key (inside the data source's prefix)
     * @param schema       table sources: every table and view of this schema, or with table one of them
     * @param table        table sources: one table or view
     */
    public record ImportCatalog(String dataSourceId, String prefix, String key, String schema, String table) {
    }

    private final CatalogService catalog;
    private final CurrentCaller caller;

    CatalogResource(CatalogService catalog, CurrentCaller caller) {
        this.catalog = catalog;
        this.caller = caller;
    }

    @POST
    @Path("imports")
    @ResponseStatus(202)
    @Operation(summary = "Import the metadata of a data source's prefix, object, schema or table",
            description = "Submits a metadata_import job on the data source's edge and returns it queued; poll it at "
                    + "GET /api/v1/jobs/{id}. When it succeeds, the scope's catalog items are replaced by what it "
                    + "found: new ones added, existing ones updated, those gone at the source removed. A prefix or "
                    + "key outside the data source's prefix is refused with 400.")
    public JobView startImport(ImportCatalog request) {
        ImportCatalog scope = request == null ? new ImportCatalog(null, null, null, null, null) : request;
        return catalog.startImport(caller.get(), scope.dataSourceId(), scope.prefix(), scope.key(), scope.schema(),
                scope.table());
    }

    @GET
    @Path("items")
    @Operation(summary = "List or search catalog items, a page at a time",
            description = "Ordered by container and name; optionally of one data source, and only those whose name "
                    + "contains `nameContains` (ignoring case).")
    public CatalogItemView.Page list(@QueryParam("dataSourceId") String dataSourceId,
            @QueryParam("nameContains") String nameContains, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("pageSize") @DefaultValue("100") int pageSize) {
        return catalog.list(caller.get(), dataSourceId, nameContains, page, pageSize);
    }

    @GET
    @Path("items/{id}")
    @Operation(summary = "Get one catalog item")
    public CatalogItemView get(@PathParam("id") String id) {
        return catalog.get(caller.get(), id);
    }

    @POST
    @Path("items/{id}/reimport")
    @Consumes(MediaType.WILDCARD) // takes no body, so a bare POST works
    @ResponseStatus(202)
    @Operation(summary = "Re-import one catalog item's object or table",
            description = "Submits a metadata_import job for the item and returns it queued; when it succeeds the "
                    + "item is updated, or removed if its object or table is gone. 400 when the item is no longer "
                    + "inside its data source's location.")
    public JobView reimport(@PathParam("id") String id) {
        return catalog.reimport(caller.get(), id);
    }

    @DELETE
    @Path("items/{id}")
    @ResponseStatus(204)
    @Operation(summary = "Delete a catalog item",
            description = "A later import of its scope brings it back if its object or table still exists.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("id") String id) {
        catalog.delete(caller.get(), id);
    }
}
