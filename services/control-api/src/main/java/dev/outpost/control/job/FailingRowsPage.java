package dev.outpost.control.job;

import java.time.Instant;
import java.util.List;

import dev.outpost.proto.interactive.v1.PresignedPage;
import dev.outpost.proto.interactive.v1.ReadFailingRowsReply;

/**
 * One page of a check's failing rows: a transient view of customer data, relayed from the edge in memory and never
 * stored or logged by control-api; or, for a pre-signed page, where the person's client fetches it from the
 * customer's bucket (the URL is a credential for the rows until it expires: never stored or logged either).
 *
 * @param jobId        the job
 * @param check        the check's name
 * @param page         zero-based page number
 * @param pageSize     rows per page
 * @param totalRows    sample rows stored for the check in all
 * @param matchingRows sample rows matching the filters
 * @param columns      column names
 * @param rows         the rows, one value per column (null for SQL null); empty for a pre-signed page
 * @param presigned    where to fetch a pre-signed page; null otherwise
 */
public record FailingRowsPage(String jobId, String check, int page, int pageSize, long totalRows, long matchingRows,
        List<String> columns, List<List<String>> rows, Download presigned) {

    /**
     * A page waiting in the customer's results bucket.
     *
     * @param url         a GET URL that needs no other credentials
     * @param expiresAt   when the URL stops working (the object is deleted soon after)
     * @param contentType {@code application/json}: {@code {"columns":[…],"rows":[[…],…]}}, null for SQL null
     * @param rows        rows in the page
     */
    public record Download(String url, Instant expiresAt, String contentType, int rows) {

        static Download of(PresignedPage page) {
            return new Download(page.getUrl(), Instant.ofEpochMilli(page.getExpiresAtMillis()), page.getContentType(),
                    page.getRows());
        }
    }

    static FailingRowsPage of(String jobId, String check, int page, int pageSize, ReadFailingRowsReply reply) {
        return new FailingRowsPage(jobId, check, page, pageSize, reply.getTotalRows(), reply.getMatchingRows(),
                reply.getView().getColumnsList(), TransientRows.of(reply.getView()),
                reply.hasPresigned() ? Download.of(reply.getPresigned()) : null);
    }
}
