package dev.outpost.resultsreader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;

import dev.outpost.edge.ResultsStore;
import dev.outpost.proto.interactive.v1.InteractiveReply;
import dev.outpost.proto.interactive.v1.InteractiveRequest;
import dev.outpost.proto.interactive.v1.PresignedPage;
import dev.outpost.proto.interactive.v1.ReadFailingRowsRequest;
import dev.outpost.proto.interactive.v1.Row;
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
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Pre-signed pages against S3Proxy, whose query-string (pre-signed) authentication is real: the URL is fetched with
 * a plain HTTP client and no credentials. The test profile makes pages expire after 5 s and sweeps every second.
 */
@QuarkusTest
@WithTestResource(SqsTestResource.class)
@WithTestResource(S3TestResource.class)
@WithTestResource(KeyFileTestResource.class)
class PresignedPagesTest {

    private static final Duration REPLY_DEADLINE = Duration.ofSeconds(20);
    private static final Duration SWEEP_DEADLINE = Duration.ofSeconds(30);
    private static final String BUCKET = "customer-results";

    @Inject
    QueueClient queues;

    @Inject
    ResultsStore store;

    @Inject
    S3Client s3;

    @Inject
    PresignedPages pages;

    @ConfigProperty(name = "quarkus.s3.endpoint-override")
    URI ownEndpoint;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void repliesWithAUrlInsteadOfRowsThatServesThePageUntilItExpiresAndIsDeleted() throws Exception {
        String jobId = UUID.randomUUID().toString();
        store.write(FailingRowSamples.newBuilder().setJobId(jobId).setCheckName("email-format")
                .addAllColumns(List.of("id", "email"))
                .addRows(Row.newBuilder().addValues("1").addValues("a\"quote"))
                .addRows(Row.newBuilder().addValues("2").addValues("").addNulls(1))
                .addRows(Row.newBuilder().addValues("3").addValues("c@"))
                .build());
        Instant asked = Instant.now();

        InteractiveReply reply = InteractiveExchange.ask(queues, OutpostQueue.RESULTS, InteractiveRequest.newBuilder()
                .setReadFailingRows(ReadFailingRowsRequest.newBuilder().setJobId(jobId).setCheckName("email-format")
                        .setPage(0).setPageSize(2).setPresigned(true)
                        .addSort(SortKey.newBuilder().setColumn("id").setDescending(true))), REPLY_DEADLINE);

        assertThat(reply.getReadFailingRows().getView().getRowsList()).as("no rows travel in the reply").isEmpty();
        assertThat(reply.getReadFailingRows().getView().getColumnsList()).containsExactly("id", "email");
        assertThat(reply.getReadFailingRows().getMatchingRows()).isEqualTo(3);
        PresignedPage presigned = reply.getReadFailingRows().getPresigned();
        assertThat(presigned.getRows()).isEqualTo(2);
        assertThat(presigned.getContentType()).isEqualTo("application/json");
        assertThat(Instant.ofEpochMilli(presigned.getExpiresAtMillis()))
                .isAfter(asked).isBeforeOrEqualTo(Instant.now().plusSeconds(5));
        assertThat(presigned.getUrl()).contains("X-Amz-Signature=", "X-Amz-Expires=");
        // Signed for the configured endpoint (the same S3Proxy by another name), not for results-reader's own.
        assertThat(URI.create(presigned.getUrl()).getHost()).isEqualTo("localhost");
        assertThat(ownEndpoint.getHost()).isEqualTo("127.0.0.1");
        assertThat(URI.create(presigned.getUrl()).getPort()).isEqualTo(ownEndpoint.getPort());

        String forged = presigned.getUrl().replaceFirst("X-Amz-Signature=[0-9a-f]", "X-Amz-Signature=x");
        assertThat(fetch(forged).statusCode()).as("S3Proxy checks the query-string signature").isEqualTo(403);
        HttpResponse<String> fetched = fetch(presigned.getUrl());
        assertThat(fetched.statusCode()).isEqualTo(200);
        Struct page = parse(fetched.body());
        assertThat(page.getFieldsOrThrow("columns").getListValue().getValuesList())
                .extracting(Value::getStringValue).containsExactly("id", "email");
        List<ListValue> rows = page.getFieldsOrThrow("rows").getListValue().getValuesList().stream()
                .map(Value::getListValue).toList();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).getValues(0).getStringValue()).isEqualTo("3");
        assertThat(rows.get(1).getValues(1).hasNullValue()).as("row 2's null email is a JSON null").isTrue();

        awaitNoObjectsUnder(pages.folder(), key -> true);
        assertThat(fetch(presigned.getUrl()).statusCode()).as("expired and deleted").isIn(403, 404);
    }

    @Test
    void sweepsExpiredPagesACrashedReaderLeftAndKeepsLiveOnes() throws InterruptedException {
        String folder = pages.folder();
        String leftover = folder + Instant.now().minusSeconds(60).toEpochMilli() + "-" + UUID.randomUUID() + ".json";
        String live = folder + Instant.now().plusSeconds(3600).toEpochMilli() + "-" + UUID.randomUUID() + ".json";
        s3.putObject(b -> b.bucket(BUCKET).key(leftover), RequestBody.fromString("{}"));
        s3.putObject(b -> b.bucket(BUCKET).key(live), RequestBody.fromString("{}"));
        try {
            awaitNoObjectsUnder(folder, leftover::equals);
            assertThat(keysUnder(folder)).contains(live);
        } finally {
            s3.deleteObject(b -> b.bucket(BUCKET).key(live));
        }
    }

    @Test
    void capsTheExpiryAtFiveMinutesAndRefusesLessThanASecond() {
        assertThat(PresignedPages.cappedExpiry(Duration.ofMinutes(30))).isEqualTo(Duration.ofMinutes(5));
        assertThat(PresignedPages.cappedExpiry(Duration.ofSeconds(90))).isEqualTo(Duration.ofSeconds(90));
        assertThatThrownBy(() -> PresignedPages.cappedExpiry(Duration.ZERO))
                .hasMessageContaining("outpost.results-reader.presigned-expiry");
    }

    private HttpResponse<String> fetch(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Struct parse(String json) throws IOException {
        Struct.Builder page = Struct.newBuilder();
        JsonFormat.parser().merge(json, page);
        return page.build();
    }

    private void awaitNoObjectsUnder(String folder, Predicate<String> which) throws InterruptedException {
        Instant until = Instant.now().plus(SWEEP_DEADLINE);
        while (keysUnder(folder).stream().anyMatch(which)) {
            assertThat(Instant.now()).as("expired pre-signed pages deleted within " + SWEEP_DEADLINE)
                    .isBefore(until);
            Thread.sleep(100);
        }
    }

    private List<String> keysUnder(String folder) {
        return s3.listObjectsV2(b -> b.bucket(BUCKET).prefix(folder)).contents().stream().map(S3Object::key).toList();
    }
}
