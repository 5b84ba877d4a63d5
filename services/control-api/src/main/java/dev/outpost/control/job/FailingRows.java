package dev.outpost.control.job;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.outpost.control.auth.Caller;
import dev.outpost.control.error.ConflictException;
import dev.outpost.control.error.EdgeRejectedException;
import dev.outpost.control.error.InvalidInputException;
import dev.outpost.control.error.NotFoundException;
import dev.outpost.control.link.InteractiveCalls;
import dev.outpost.proto.api.v1.GetFailingRowsRequest;
import dev.outpost.proto.interactive.v1.InteractiveRequest;
import dev.outpost.proto.interactive.v1.ReadFailingRowsReply;
import dev.outpost.proto.interactive.v1.ReadFailingRowsRequest;

/**
 * Fetches pages of failing rows from the edge's results-reader for a person to look at: filtered and sorted on the
 * edge, and either relayed in memory or, when asked, left in the customer's bucket behind a pre-signed URL.
 */
@ApplicationScoped
public class FailingRows {

    static final int MAX_PAGE_SIZE = 500;
    /** gRPC: page_size 0 means this many rows, as REST's default. */
    static final int DEFAULT_PAGE_SIZE = 50;

    private final InteractiveCalls interactive;

    FailingRows(InteractiveCalls interactive) {
        this.interactive = interactive;
    }

    /** Page {@code page} of check {@code check} of job {@code jobId}, for REST. */
    public FailingRowsPage read(Caller caller, String jobId, String check, int page, int pageSize,
            FailingRowsQuery query) {
        ReadFailingRowsReply reply = fetch(caller, jobId, check, page, pageSize, query);
        return FailingRowsPage.of(jobId, check, page, pageSize, reply);
    }

    /** The same for gRPC. */
    public dev.outpost.proto.api.v1.FailingRowsPage read(Caller caller, GetFailingRowsRequest request) {
        int pageSize = request.getPageSize() == 0 ? DEFAULT_PAGE_SIZE : request.getPageSize();
        ReadFailingRowsReply reply = fetch(caller, request.getJobId(), request.getCheck(), request.getPage(), pageSize,
                new FailingRowsQuery(request.getFiltersList(), request.getSortList(), request.getPresigned()));
        dev.outpost.proto.api.v1.FailingRowsPage.Builder page = dev.outpost.proto.api.v1.FailingRowsPage.newBuilder()
                .setJobId(request.getJobId())
                .setCheck(request.getCheck())
                .setPage(request.getPage())
                .setPageSize(pageSize)
                .setTotalRows(reply.getTotalRows())
                .setMatchingRows(reply.getMatchingRows())
                .setView(reply.getView());
        if (reply.hasPresigned()) {
            page.setPresigned(reply.getPresigned());
        }
        return page.build();
    }

    private ReadFailingRowsReply fetch(Caller caller, String jobId, String check, int page, int pageSize,
            FailingRowsQuery query) {
        Job job = requireCheckOf(caller, jobId, check);
        checkPage(page, pageSize);
        try {
            return interactive.call(caller, job.edgeId, InteractiveRequest.newBuilder()
                    .setReadFailingRows(ReadFailingRowsRequest.newBuilder()
                            .setJobId(jobId).setCheckName(check).setPage(page).setPageSize(pageSize)
                            .addAllFilters(query.filters()).addAllSort(query.sort())
                            .setPresigned(query.presigned())))
                    .getReadFailingRows();
        } catch (EdgeRejectedException e) {
            // Everything else was checked here: the edge refuses a request only for a column the rows do not have.
            if ("INVALID_REQUEST".equals(e.code())) {
                throw new InvalidInputException(e.getMessage());
            }
            throw e;
        }
    }

    /** @throws InvalidInputException for a negative page or a page size outside 1 … {@value #MAX_PAGE_SIZE} */
    static void checkPage(int page, int pageSize) {
        if (page < 0) {
            throw new InvalidInputException("page " + page + " is negative: pages count from 0");
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new InvalidInputException("pageSize " + pageSize + " is out of range: use 1 to " + MAX_PAGE_SIZE);
        }
    }

    /** The caller's succeeded job {@code jobId}, which has a check named {@code check}. */
    @Transactional
    Job requireCheckOf(Caller caller, String jobId, String check) {
        Job job = JobService.require(caller.organisation("read failing rows"), jobId);
        if (!"SUCCEEDED".equals(job.state)) {
            throw new ConflictException("Job " + jobId + " is " + job.state.toLowerCase()
                    + ": failing rows exist only for succeeded jobs");
        }
        if (JobCheckResult.count("jobId = ?1 and name = ?2", job.id, check) == 0) {
            throw new NotFoundException("Job " + jobId + " has no check named '" + check + "'; its checks are listed "
                    + "in GET /api/v1/jobs/" + jobId);
        }
        return job;
    }
}
