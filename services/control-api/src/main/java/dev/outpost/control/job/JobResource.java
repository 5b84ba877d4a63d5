package dev.outpost.control.job;

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
import org.jboss.resteasy.reactive.ResponseHeader;
import org.jboss.resteasy.reactive.ResponseStatus;

import dev.outpost.control.auth.ApiKeyResource;
import dev.outpost.control.auth.CurrentCaller;

/** REST: jobs. */
@Path("/api/v1/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Jobs", description = "Run a rule set on a data source and read its outcome")
@SecurityRequirement(name = ApiKeyResource.SCHEME)
public class JobResource {

    /**
     * @param dataSourceId the data source to read
     * @param ruleSetId    the rule set to apply (kind {@code check} only)
     * @param sampleLimit  failing rows to keep per check, 0 … 1000 (default 100; kind {@code check} only)
     * @param kind         {@code check} (default: apply the rule set) or {@code profile} (each column's type, nulls
     *                     and distinct count; no rule set)
     */
    public record SubmitJob(String dataSourceId, String ruleSetId, Integer sampleLimit, String kind) {
    }

    private final JobService jobs;
    private final FailingRows failingRows;
    private final CurrentCaller caller;

    JobResource(JobService jobs, FailingRows failingRows, CurrentCaller caller) {
        this.jobs = jobs;
        this.failingRows = failingRows;
        this.caller = caller;
    }

    @POST
    @ResponseStatus(202)
    @Operation(summary = "Submit a job", description = "The job starts QUEUED; poll it (or watch it over gRPC).")
    public JobView submit(SubmitJob request) {
        return request == null ? jobs.submit(caller.get(), (String) null, null, null, null)
                : jobs.submit(caller.get(), request.kind(), request.dataSourceId(), request.ruleSetId(),
                        request.sampleLimit());
    }

    @GET
    @Operation(summary = "List jobs, newest first")
    public List<JobView> list(@QueryParam("limit") @DefaultValue("100") int limit) {
        return jobs.list(caller.get(), limit);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Get one job with its per-check aggregates and DQ scores")
    public JobView get(@PathParam("id") String id) {
        return jobs.get(caller.get(), id);
    }

    @GET
    @Path("{id}/checks/{check}/failing-rows")
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    @Operation(summary = "Read a page of a check's failing rows",
            description = "Decrypted on the edge by results-reader and relayed in memory: control-api never stores "
                    + "them. Needs the edge to be connected.")
    public FailingRowsPage failingRows(@PathParam("id") String id, @PathParam("check") String check,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("pageSize") @DefaultValue("50") int pageSize) {
        return failingRows.read(caller.get(), id, check, page, pageSize);
    }
}
