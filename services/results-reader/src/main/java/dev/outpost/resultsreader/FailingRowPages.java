package dev.outpost.resultsreader;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.outpost.edge.InteractiveException;
import dev.outpost.edge.ResultsStore;
import dev.outpost.proto.interactive.v1.ReadFailingRowsReply;
import dev.outpost.proto.interactive.v1.ReadFailingRowsRequest;
import dev.outpost.proto.interactive.v1.Row;
import dev.outpost.proto.interactive.v1.TransientView;
import dev.outpost.proto.results.v1.FailingRowSamples;

/** Cuts one page out of a check's stored failing-row samples. */
@ApplicationScoped
class FailingRowPages {

    /** The contract's cap on page_size: bigger requests get pages of this size. */
    static final int MAX_PAGE_SIZE = 500;

    private final ResultsStore store;

    FailingRowPages(ResultsStore store) {
        this.store = store;
    }

    /**
     * The requested page; a page past the last row is empty rather than an error, so a client can page until it
     * gets an empty one.
     *
     * @throws InteractiveException NOT_FOUND when no samples are stored for the check, INVALID_REQUEST when the
     *     request is incomplete
     */
    ReadFailingRowsReply read(ReadFailingRowsRequest request) {
        validate(request);
        FailingRowSamples samples = store.read(request.getJobId(), request.getCheckName())
                .orElseThrow(() -> InteractiveException.notFound("No failing rows are stored for check '"
                        + request.getCheckName() + "' of job " + request.getJobId() + ": the check had no failing "
                        + "rows, the job ran with sample limit 0, or the samples were removed from the results "
                        + "bucket. Check the job's results, or run it again with a sample limit above 0"));
        int pageSize = Math.min(request.getPageSize(), MAX_PAGE_SIZE);
        List<Row> rows = samples.getRowsList();
        long from = (long) request.getPage() * pageSize;
        List<Row> page = from >= rows.size() ? List.of()
                : rows.subList((int) from, (int) Math.min(rows.size(), from + pageSize));
        return ReadFailingRowsReply.newBuilder()
                .setView(TransientView.newBuilder().addAllColumns(samples.getColumnsList()).addAllRows(page))
                .setTotalRows(rows.size())
                .build();
    }

    private static void validate(ReadFailingRowsRequest request) {
        if (request.getJobId().isBlank() || request.getCheckName().isBlank()) {
            throw InteractiveException.invalidRequest("read_failing_rows needs a job_id and a check_name");
        }
        if (request.getPage() < 0) {
            throw InteractiveException.invalidRequest("page " + request.getPage() + " is negative: pages count from 0");
        }
        if (request.getPageSize() < 1) {
            throw InteractiveException.invalidRequest("page_size " + request.getPageSize() + " is out of range: use 1 to "
                    + MAX_PAGE_SIZE);
        }
    }
}
