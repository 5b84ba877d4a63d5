package dev.outpost.resultsreader;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.outpost.edge.ResultsStore;
import dev.outpost.proto.interactive.v1.BrowseFilesRequest;
import dev.outpost.proto.interactive.v1.FilterOperator;
import dev.outpost.proto.interactive.v1.InteractiveReply;
import dev.outpost.proto.interactive.v1.InteractiveRequest;
import dev.outpost.proto.interactive.v1.ReadFailingRowsRequest;
import dev.outpost.proto.interactive.v1.Row;
import dev.outpost.proto.interactive.v1.RowFilter;
import dev.outpost.proto.interactive.v1.SortKey;
import dev.outpost.proto.results.v1.FailingRowSamples;
import dev.outpost.sqs.OutpostQueue;
import dev.outpost.sqs.QueueClient;
import dev.outpost.testsupport.InteractiveExchange;
import dev.outpost.testsupport.KeyFileTestResource;
import dev.outpost.testsupport.S3TestResource;
import dev.outpost.testsupport.SqsTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(SqsTestResource.class)
@WithTestResource(S3TestResource.class)
@WithTestResource(KeyFileTestResource.class)
class ResultsRequestsTest {

    private static final Duration REPLY_DEADLINE = Duration.ofSeconds(20);

    @Inject
    QueueClient queues;

    @Inject
    ResultsStore store;

    @Test
    void servesTheRequestedPageOfDecryptedSamples() {
        String jobId = storeSamples("email-format", 7);

        InteractiveReply first = ask(read(jobId, "email-format", 0, 3));
        assertThat(first.getReadFailingRows().getTotalRows()).isEqualTo(7);
        assertThat(first.getReadFailingRows().getView().getColumnsList()).containsExactly("id", "email");
        assertThat(first.getReadFailingRows().getView().getRowsList()).containsExactly(row(0), row(1), row(2));

        InteractiveReply last = ask(read(jobId, "email-format", 2, 3));
        assertThat(last.getReadFailingRows().getView().getRowsList()).containsExactly(
                Row.newBuilder().addValues("6").addValues("").addNulls(1).build());
    }

    @Test
    void answersAPagePastTheEndWithNoRows() {
        String jobId = storeSamples("id-present", 4);

        InteractiveReply reply = ask(read(jobId, "id-present", 2, 2));

        assertThat(reply.hasReadFailingRows()).isTrue();
        assertThat(reply.getReadFailingRows().getView().getRowsList()).isEmpty();
        assertThat(reply.getReadFailingRows().getView().getColumnsList()).containsExactly("id", "email");
        assertThat(reply.getReadFailingRows().getTotalRows()).isEqualTo(4);
    }

    @Test
    void capsThePageSize() {
        String jobId = storeSamples("big", Paging.MAX_PAGE_SIZE + 20);

        InteractiveReply reply = ask(read(jobId, "big", 0, 10_000));

        assertThat(reply.getReadFailingRows().getView().getRowsCount()).isEqualTo(Paging.MAX_PAGE_SIZE);
        assertThat(reply.getReadFailingRows().getView().getRows(Paging.MAX_PAGE_SIZE - 1))
                .isEqualTo(row(Paging.MAX_PAGE_SIZE - 1));
    }

    @Test
    void repliesNotFoundWhenNoSamplesAreStored() {
        String jobId = UUID.randomUUID().toString();

        InteractiveReply reply = ask(read(jobId, "never-failed", 0, 10));

        assertThat(reply.getError().getCode()).isEqualTo("NOT_FOUND");
        assertThat(reply.getError().getMessage()).contains("'never-failed'", jobId, "sample limit");
    }

    @Test
    void refusesRequestsItDoesNotServe() {
        InteractiveReply reply = ask(InteractiveRequest.newBuilder()
                .setBrowseFiles(BrowseFilesRequest.getDefaultInstance()));

        assertThat(reply.getError().getCode()).isEqualTo("INVALID_REQUEST");
        assertThat(reply.getError().getMessage()).contains("read_failing_rows", "read_profile", "browse_files");
    }

    @Test
    void pagesTheRowsMatchingTheFiltersInTheRequestedOrder() {
        String jobId = storeSamples("email-format", 12);

        InteractiveReply reply = ask(InteractiveRequest.newBuilder().setReadFailingRows(
                readRequest(jobId, "email-format", 0, 2)
                        .addFilters(RowFilter.newBuilder().setColumn("email")
                                .setOperator(FilterOperator.FILTER_OPERATOR_CONTAINS).setValue("BAD-1"))
                        .addSort(SortKey.newBuilder().setColumn("id").setDescending(true))));

        // bad-1 and bad-10 match, ignoring case; ids are all numbers, so 10 comes before 1 descending.
        assertThat(reply.getReadFailingRows().getTotalRows()).isEqualTo(12);
        assertThat(reply.getReadFailingRows().getMatchingRows()).isEqualTo(2);
        assertThat(reply.getReadFailingRows().getView().getRowsList()).containsExactly(row(10), row(1));
        assertThat(reply.getReadFailingRows().hasPresigned()).isFalse();
    }

    @Test
    void refusesAFilterOnAnUnknownColumnNamingTheColumns() {
        String jobId = storeSamples("email-format", 3);

        InteractiveReply reply = ask(InteractiveRequest.newBuilder().setReadFailingRows(
                readRequest(jobId, "email-format", 0, 10).addFilters(RowFilter.newBuilder().setColumn("mail")
                        .setOperator(FilterOperator.FILTER_OPERATOR_IS_NULL))));

        assertThat(reply.getError().getCode()).isEqualTo("INVALID_REQUEST");
        assertThat(reply.getError().getMessage()).contains("'mail'", "id, email");
    }

    @Test
    void refusesANegativePage() {
        InteractiveReply reply = ask(read(UUID.randomUUID().toString(), "any", -1, 10));

        assertThat(reply.getError().getCode()).isEqualTo("INVALID_REQUEST");
        assertThat(reply.getError().getMessage()).contains("page -1");
    }

    /** Stores {@code count} rows for a new job: row i is (i, "bad-i"), and the last row's email is null. */
    private String storeSamples(String check, int count) {
        String jobId = UUID.randomUUID().toString();
        store.write(FailingRowSamples.newBuilder()
                .setJobId(jobId)
                .setCheckName(check)
                .addAllColumns(List.of("id", "email"))
                .addAllRows(IntStream.range(0, count - 1).mapToObj(ResultsRequestsTest::row).toList())
                .addRows(Row.newBuilder().addValues(String.valueOf(count - 1)).addValues("").addNulls(1))
                .build());
        return jobId;
    }

    private static Row row(int i) {
        return Row.newBuilder().addValues(String.valueOf(i)).addValues("bad-" + i).build();
    }

    private static InteractiveRequest.Builder read(String jobId, String check, int page, int pageSize) {
        return InteractiveRequest.newBuilder().setReadFailingRows(readRequest(jobId, check, page, pageSize));
    }

    private static ReadFailingRowsRequest.Builder readRequest(String jobId, String check, int page, int pageSize) {
        return ReadFailingRowsRequest.newBuilder().setJobId(jobId).setCheckName(check).setPage(page)
                .setPageSize(pageSize);
    }

    private InteractiveReply ask(InteractiveRequest.Builder request) {
        return InteractiveExchange.ask(queues, OutpostQueue.RESULTS, request, REPLY_DEADLINE);
    }
}
