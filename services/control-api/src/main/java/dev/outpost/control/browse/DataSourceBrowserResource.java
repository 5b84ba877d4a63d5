package dev.outpost.control.browse;

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
import org.jboss.resteasy.reactive.ResponseHeader;

import dev.outpost.control.auth.ApiKeyResource;
import dev.outpost.control.auth.CurrentCaller;

/** REST: test, browse and preview a data source through its edge. */
@Path("/api/v1/data-sources")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Data sources", description = "Locations in the customer's storage, each pinned to an edge")
@SecurityRequirement(name = ApiKeyResource.SCHEME)
public class DataSourceBrowserResource {

    /** How the edge's errors reach the person, the same for the three operations. */
    private static final String ERRORS = " Answered by the edge's metadata-browser while you wait; needs the edge to "
            + "be connected. Errors carry the edge's code and message: 404 for a missing bucket, prefix, schema, table "
            + "or database (BUCKET_NOT_FOUND, PREFIX_NOT_FOUND, SCHEMA_NOT_FOUND, TABLE_NOT_FOUND, "
            + "DATABASE_NOT_FOUND); 422 when the edge may not read the source (ACCESS_DENIED, INVALID_CREDENTIALS, "
            + "SECRET_UNAVAILABLE); 502 when the source's host cannot be reached (UNKNOWN_HOST, CONNECTION_REFUSED); "
            + "504 when the source did not answer within the edge's time per request (TIMEOUT); 403 when the edge's "
            + "egress policy refuses (REFUSED_BY_POLICY); 503 when the edge is disconnected or does not answer.";

    private final DataSourceBrowser browser;
    private final CurrentCaller caller;

    DataSourceBrowserResource(DataSourceBrowser browser, CurrentCaller caller) {
        this.browser = browser;
        this.caller = caller;
    }

    @POST
    @Path("{id}/test-connection")
    @Consumes(MediaType.WILDCARD) // takes no body, so a bare POST works
    @Operation(summary = "Test that the edge can reach and read the data source",
            description = "Files: the bucket exists, the prefix holds objects and the first can be read. Table: the "
                    + "connection succeeds and the tables of `schema` (default: the data source's schema) are "
                    + "readable. Editors and admins only." + ERRORS)
    public BrowseViews.ConnectionTest testConnection(@PathParam("id") String id,
            @QueryParam("schema") String schema) {
        return BrowseViews.ConnectionTest.of(id, browser.testConnection(caller.get(), id, schema));
    }

    @GET
    @Path("{id}/browse")
    @Operation(summary = "List one level of the data source: sub-prefixes and objects, or schemas, or tables",
            description = "Files: the sub-prefixes and objects directly under `prefix` (default: the data source's "
                    + "prefix; a prefix outside it is refused with 400), with size, format, inferred columns and row "
                    + "count. Table: the database's schemas, or with `schema` its tables and views with columns and "
                    + "row estimates. Metadata only." + ERRORS)
    public BrowseViews.Listing browse(@PathParam("id") String id, @QueryParam("prefix") String prefix,
            @QueryParam("schema") String schema, @QueryParam("limit") @DefaultValue("100") int limit) {
        return BrowseViews.Listing.of(id, browser.browse(caller.get(), id, prefix, schema, limit));
    }

    @GET
    @Path("{id}/preview")
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    @Operation(summary = "Preview the first rows of an object or table",
            description = "Files: the object `key` (it must lie under the data source's prefix, else 400). Table: "
                    + "`schema` and `table` (default: the data source's own table). The rows are relayed in memory "
                    + "and never stored by control-api; the edge caps their number (outpost.browser.preview-max-rows)."
                    + ERRORS)
    public BrowseViews.Preview preview(@PathParam("id") String id, @QueryParam("key") String key,
            @QueryParam("schema") String schema, @QueryParam("table") String table,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        return BrowseViews.Preview.of(id, browser.preview(caller.get(), id, key, schema, table, limit));
    }
}
