package dev.outpost.metadatabrowser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.outpost.proto.interactive.v1.BrowseFilesReply;
import dev.outpost.proto.interactive.v1.BrowseFilesRequest;
import dev.outpost.proto.interactive.v1.FileEntry;
import dev.outpost.proto.interactive.v1.InteractiveReply;
import dev.outpost.proto.interactive.v1.InteractiveRequest;
import dev.outpost.proto.interactive.v1.ReadFailingRowsRequest;
import dev.outpost.proto.job.v1.ColumnInfo;
import dev.outpost.proto.job.v1.DataFormat;
import dev.outpost.proto.job.v1.DataLocation;
import dev.outpost.sqs.OutpostQueue;
import dev.outpost.sqs.QueueClient;
import dev.outpost.testsupport.InteractiveExchange;
import dev.outpost.testsupport.PostgresTestResource;
import dev.outpost.testsupport.S3TestResource;
import dev.outpost.testsupport.SqsTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

@QuarkusTest
@WithTestResource(SqsTestResource.class)
@WithTestResource(S3TestResource.class)
@WithTestResource(PostgresTestResource.class)
class BrowseRequestsTest {

    private static final String BUCKET = "customer-data";
    private static final Duration REPLY_DEADLINE = Duration.ofSeconds(30);
    private static final String ORDERS_CSV = """
            id,amount,placed_on,customer
            1,9.5,2024-01-02,canary-alice
            2,12.25,2024-01-03,canary-bob
            """;

    @Inject
    QueueClient queues;

    @Inject
    S3Client s3;

    @TempDir
    Path temp;

    @Test
    void listsObjectsWithSizesAndColumnsInferredFromCsv() {
        String prefix = UUID.randomUUID() + "/orders/";
        put(prefix + "2024-01.csv", ORDERS_CSV);
        String notes = "id,note\n7,\n";
        put(prefix + "2024-02.csv", notes);
        put(prefix + "archive/", "");

        InteractiveReply reply = ask(browse(prefix, DataFormat.DATA_FORMAT_CSV, 100));

        BrowseFilesReply files = reply.getBrowseFiles();
        assertThat(files.getTruncated()).isFalse();
        assertThat(files.getFilesList()).extracting(FileEntry::getKey, FileEntry::getSizeBytes).containsExactly(
                tuple(prefix + "2024-01.csv", (long) ORDERS_CSV.length()),
                tuple(prefix + "2024-02.csv", (long) notes.length()));
        assertThat(files.getFiles(0).getColumnsList()).containsExactly(column("id", "BIGINT"),
                column("amount", "DOUBLE"), column("placed_on", "DATE"), column("customer", "VARCHAR"));
        assertThat(files.getFiles(0).getInferenceError()).isEmpty();
        assertThat(reply.toString()).doesNotContain("canary");
    }

    @Test
    void listsTheObjectsAJobReadsAsTheJobReadsThem() {
        String prefix = UUID.randomUUID() + "/sales/";
        put(prefix + "2024-01.csv", "1;9.5;canary-alice\n2;12.25;canary-bob\n");
        put(prefix + "2024-02.csv", "3;1.0;canary-carol\n");
        put(prefix + "notes.txt", "not data\n");
        put(prefix + "eu/2024-03.csv", "4;2.0;canary-dave\n");
        put(prefix + "events.jsonl", "{\"id\": 1, \"who\": \"canary-erin\"}\n");

        BrowseFilesReply headerless = ask(InteractiveRequest.newBuilder().setBrowseFiles(BrowseFilesRequest
                .newBuilder().setLimit(10).setLocation(DataLocation.newBuilder().setBucket(BUCKET).setPrefix(prefix)
                        .setFormat(DataFormat.DATA_FORMAT_CSV).setGlob("2024-*.csv")
                        .setCsv(dev.outpost.proto.job.v1.CsvOptions.newBuilder().setHeader(false).setDelimiter(";")))))
                .getBrowseFiles();
        BrowseFilesReply jsonLines = ask(InteractiveRequest.newBuilder().setBrowseFiles(BrowseFilesRequest
                .newBuilder().setLimit(10).setLocation(DataLocation.newBuilder().setBucket(BUCKET).setPrefix(prefix)
                        .setFormat(DataFormat.DATA_FORMAT_JSON_LINES).setGlob("*.jsonl")))).getBrowseFiles();

        assertThat(headerless.getFilesList()).extracting(FileEntry::getKey).containsExactly(prefix + "2024-01.csv",
                prefix + "2024-02.csv");
        assertThat(headerless.getFiles(0).getColumnsList()).containsExactly(column("column0", "BIGINT"),
                column("column1", "DOUBLE"), column("column2", "VARCHAR"));
        assertThat(jsonLines.getFilesList()).singleElement().satisfies(file -> assertThat(file.getColumnsList())
                .containsExactly(column("id", "BIGINT"), column("who", "VARCHAR")));
        assertThat(headerless + "" + jsonLines).doesNotContain("canary");
    }

    @Test
    void infersParquetColumns() throws Exception {
        String prefix = UUID.randomUUID() + "/events/";
        Path parquet = temp.resolve("events.parquet");
        sql("COPY (SELECT 1::INTEGER AS id, 'canary-x' AS label, 2.5::DECIMAL(10,2) AS amount, TRUE AS flag, "
                + "TIMESTAMP '2024-05-01 10:00:00' AS seen_at) TO '" + parquet + "' (FORMAT parquet)");
        s3.putObject(b -> b.bucket(BUCKET).key(prefix + "part-0.parquet"), parquet);

        FileEntry file = ask(browse(prefix, DataFormat.DATA_FORMAT_PARQUET, 10)).getBrowseFiles().getFiles(0);

        assertThat(file.getSizeBytes()).isEqualTo(Files.size(parquet));
        assertThat(file.getColumnsList()).containsExactly(column("id", "INTEGER"), column("label", "VARCHAR"),
                column("amount", "DECIMAL(10,2)"), column("flag", "BOOLEAN"), column("seen_at", "TIMESTAMP"));
    }

    @Test
    void truncatesAtTheLimitInKeyOrder() {
        String prefix = UUID.randomUUID() + "/";
        List.of("c.csv", "a.csv", "b.csv").forEach(name -> put(prefix + name, "id\n1\n"));

        BrowseFilesReply limited = ask(browse(prefix, DataFormat.DATA_FORMAT_CSV, 2)).getBrowseFiles();
        BrowseFilesReply all = ask(browse(prefix, DataFormat.DATA_FORMAT_CSV, 3)).getBrowseFiles();

        assertThat(limited.getFilesList()).extracting(FileEntry::getKey).containsExactly(prefix + "a.csv",
                prefix + "b.csv");
        assertThat(limited.getTruncated()).isTrue();
        assertThat(all.getFilesList()).hasSize(3);
        assertThat(all.getTruncated()).isFalse();
    }

    @Test
    void infersABigCsvFromItsFirstLines() {
        String prefix = UUID.randomUUID() + "/";
        // Far bigger than the test's csv-sample-bytes (4K), so the sample ends in the middle of a line.
        String big = IntStream.range(0, 5_000).mapToObj(i -> i + ",value-" + i + "," + (i * 0.5))
                .collect(Collectors.joining("\n", "id,label,score\n", "\n"));
        put(prefix + "big.csv", big);

        FileEntry file = ask(browse(prefix, DataFormat.DATA_FORMAT_CSV, 10)).getBrowseFiles().getFiles(0);

        assertThat(file.getSizeBytes()).isEqualTo(big.length());
        assertThat(file.getColumnsList()).containsExactly(column("id", "BIGINT"), column("label", "VARCHAR"),
                column("score", "DOUBLE"));
    }

    @Test
    void reportsObjectsItCannotInferInsteadOfFailing() throws Exception {
        String prefix = UUID.randomUUID() + "/";
        Path big = temp.resolve("big.parquet");
        // Random doubles do not compress: well over the test's max-inference-bytes (64K).
        sql("COPY (SELECT random() AS x FROM range(50000)) TO '" + big + "' (FORMAT parquet)");
        s3.putObject(b -> b.bucket(BUCKET).key(prefix + "a-big.parquet"), big);
        put(prefix + "b-not-parquet.parquet", "id,name\n1,canary\n");

        List<FileEntry> files = ask(browse(prefix, DataFormat.DATA_FORMAT_PARQUET, 10)).getBrowseFiles()
                .getFilesList();

        assertThat(files.get(0).getColumnsList()).isEmpty();
        assertThat(files.get(0).getInferenceError()).contains("larger than 65536 bytes", "columns not inferred");
        assertThat(files.get(1).getColumnsList()).isEmpty();
        assertThat(files.get(1).getInferenceError()).isEqualTo("not a readable Parquet file: columns not inferred");
    }

    @Test
    void repliesNotFoundForAMissingBucket() {
        InteractiveReply reply = ask(InteractiveRequest.newBuilder().setBrowseFiles(BrowseFilesRequest.newBuilder()
                .setLocation(DataLocation.newBuilder().setBucket("no-such-bucket").setFormat(DataFormat.DATA_FORMAT_CSV))
                .setLimit(10)));

        assertThat(reply.getError().getCode()).isEqualTo("NOT_FOUND");
        assertThat(reply.getError().getMessage()).contains("'no-such-bucket'");
    }

    @Test
    void refusesRequestsItDoesNotServe() {
        InteractiveReply reply = ask(InteractiveRequest.newBuilder()
                .setReadFailingRows(ReadFailingRowsRequest.getDefaultInstance()));

        assertThat(reply.getError().getCode()).isEqualTo("INVALID_REQUEST");
        assertThat(reply.getError().getMessage()).contains("browse_files", "read_failing_rows");
    }

    @Test
    void refusesALocationWithoutFormat() {
        InteractiveReply reply = ask(InteractiveRequest.newBuilder().setBrowseFiles(BrowseFilesRequest.newBuilder()
                .setLocation(DataLocation.newBuilder().setBucket(BUCKET)).setLimit(10)));

        assertThat(reply.getError().getCode()).isEqualTo("INVALID_REQUEST");
        assertThat(reply.getError().getMessage()).contains("format");
    }

    private void put(String key, String content) {
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(content));
    }

    private static void sql(String statement) throws Exception {
        try (Connection duckDb = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = duckDb.createStatement()) {
            sql.execute(statement);
        }
    }

    private static ColumnInfo column(String name, String type) {
        return ColumnInfo.newBuilder().setName(name).setType(type).build();
    }

    private static InteractiveRequest.Builder browse(String prefix, DataFormat format, int limit) {
        return InteractiveRequest.newBuilder().setBrowseFiles(BrowseFilesRequest.newBuilder()
                .setLocation(DataLocation.newBuilder().setBucket(BUCKET).setPrefix(prefix).setFormat(format))
                .setLimit(limit));
    }

    private InteractiveReply ask(InteractiveRequest.Builder request) {
        return InteractiveExchange.ask(queues, OutpostQueue.INTERACTIVE, request, REPLY_DEADLINE);
    }
}
