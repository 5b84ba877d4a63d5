package dev.outpost.control.job;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.outpost.control.auth.Caller;
import dev.outpost.control.error.ConflictException;
import dev.outpost.control.error.InvalidInputException;
import dev.outpost.control.error.NotFoundException;
import dev.outpost.control.link.InteractiveCalls;
import dev.outpost.proto.interactive.v1.InteractiveRequest;
import dev.outpost.proto.interactive.v1.ReadFailingRowsReply;
import dev.outpost.proto.interactive.v1.ReadFailingRowsRequest;

/** Fetches pages of failing rows from the edge's results-reader for a person to look at. */
@ApplicationScoped
public class FailingRows {

    static final int MAX_PAGE_SIZE = 500;

    private final InteractiveCalls interactive;

    FailingRows(InteractiveCalls interactive) {
        this.interactive = interactive;
    }

    /** Page {@code page} of check {@code check} of job {@code jobId}. */
    public FailingRowsPage read(Caller caller, String jobId, String check, int page, int pageSize) {
        Job job = requireCheckOf(caller, jobId, check);
        if (page < 0) {
            throw new InvalidInputException("page " + page + " is negative: pages count from 0");
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new InvalidInputException("pageSize " + pageSize + " is out of range: use 1 to " + MAX_PAGE_SIZE);
        }
        ReadFailingRowsReply reply = interactive.call(caller, job.edgeId, InteractiveRequest.newBuilder()
                .setReadFailingRows(ReadFailingRowsRequest.newBuilder()
                        .setJobId(jobId).setCheckName(check).setPage(page).setPageSize(pageSize)))
                .getReadFailingRows();
        return FailingRowsPage.of(jobId, check, page, pageSize, reply.getTotalRows(), reply.getView());
    }

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
