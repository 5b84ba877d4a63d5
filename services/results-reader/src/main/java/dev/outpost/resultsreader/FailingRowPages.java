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

/**
 * Cuts one page out of a check's stored failing-row samples, after filtering and sorting them in memory, and returns
 * it in the reply or, when asked, as a pre-signed object.
 */
@ApplicationScoped
class FailingRowPages {

    private final ResultsStore store;
    private final PresignedPages presigned;

    FailingRowPages(ResultsStore store, PresignedPages presigned) {
        this.store = store;
        this.presigned = presigned;
    }

    /**
     * The requested page of the rows matching the request's filters, in its sort order.
     *
     * @throws InteractiveException NOT_FOUND when no samples are stored for the check, INVALID_REQUEST when the
     *     request is incomplete or names an unknown column
     */
    ReadFailingRowsReply read(ReadFailingRowsRequest request) {
        Paging.check("read_failing_rows", request.getJobId(), request.getCheckName(), request.getPage(),
                request.getPageSize());
        FailingRowSamples samples = store.read(request.getJobId(), request.getCheckName())
                .orElseThrow(() -> InteractiveException.notFound("No failing rows are stored for check '"
                        + request.getCheckName() + "' of job " + request.getJobId() + ": the check had no failing "
                        + "rows, the job ran with sample limit 0, or the samples were removed from the results "
                        + "bucket. Check the job's results, or run it again with a sample limit above 0"));
        List<Row> matching = RowSelection.select(samples.getColumnsList(), samples.getRowsList(),
                request.getFiltersList(), request.getSortList());
        List<Row> page = Paging.slice(matching, request.getPage(), request.getPageSize());
        ReadFailingRowsReply.Builder reply = ReadFailingRowsReply.newBuilder()
                .setTotalRows(samples.getRowsCount())
                .setMatchingRows(matching.size());
        TransientView.Builder view = TransientView.newBuilder().addAllColumns(samples.getColumnsList());
        if (request.getPresigned()) {
            reply.setPresigned(presigned.write(samples.getColumnsList(), page));
        } else {
            view.addAllRows(page);
        }
        return reply.setView(view).build();
    }
}
