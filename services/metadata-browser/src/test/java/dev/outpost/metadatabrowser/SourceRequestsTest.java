package dev.outpost.metadatabrowser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
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

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.outpost.edge.InteractiveException;
import dev.outpost.localcloud.LocalPostgres;
import dev.outpost.localcloud.LocalS3;
import dev.outpost.proto.interactive.v1.BrowseReply;
import dev.outpost.proto.interactive.v1.BrowseRequest;
import dev.outpost.proto.interactive.v1.DataSource;
import dev.outpost.proto.interactive.v1.FileFormat;
import dev.outpost.proto.interactive.v1.InteractiveError;
import dev.outpost.proto.interactive.v1.InteractiveReply;
import dev.outpost.proto.interactive.v1.InteractiveRequest;
import dev.outpost.proto.interactive.v1.ObjectEntry;
import dev.outpost.proto.interactive.v1.PreviewReply;
import dev.outpost.proto.interactive.v1.PreviewRequest;
import dev.outpost.proto.interactive.v1.Row;
import dev.outpost.proto.interactive.v1.S3Location;
import dev.outpost.proto.interactive.v1.SchemaEntry;
import dev.outpost.proto.interactive.v1.TableEntry;
import dev.outpost.proto.interactive.v1.TestConnectionRequest;
import dev.outpost.proto.job.v1.ColumnInfo;
import dev.outpost.proto.job.v1.PostgresDatabase;
import dev.outpost.proto.job.v1.RowCountKind;
import dev.outpost.sqs.OutpostQueue;
import dev.outpost.sqs.QueueClient;
import dev.outpost.testsupport.InjectLocalCloud;
import dev.outpost.testsupport.InteractiveExchange;
import dev.outpost.testsupport.PostgresTestResource;
import dev.outpost.testsupport.S3TestResource;
import dev.outpost.testsupport.SqsTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * test_connection, browse and preview over the {@code interactive} queue against a real S3 (S3Proxy) and a real
 * PostgreSQL (embedded). The test profile bounds a request to 4 s (outpost.browser.request-timeout).
 */
@QuarkusTest
@WithTestResource(SqsTestResource.class)
@WithTestResource(S3TestResource.class)
@WithTestResource(PostgresTestResource.class)
class SourceRequestsTest {

    private static final String BUCKET = "customer-data";
    private static final Duration REPLY_DEADLINE = Duration.ofSeconds(30);
    private static final String ORDERS_CSV = """
            id,amount,customer
            1,9.5,alice
            2,,bob
            3,12.25,carol
            """;
    private static boolean databaseReady;

    @Inject
    QueueClient queues;

    @Inject
    S3Client s3;

    @InjectLocalCloud
    LocalPostgres postgres;

    @InjectLocalCloud
    LocalS3 localS3;

    private Path secrets;

    @BeforeEach
    void createDatabaseOnce() throws Exception {
        secrets = Files.createTempDirectory("outpost-secrets");
        if (databaseReady) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(PostgresTestResource.DEFAULT_DATABASE),
                postgres.user(), postgres.password()); Statement sql = connection.createStatement()) {
            sql.execute("CREATE SCHEMA sales");
            sql.execute("CREATE TABLE sales.orders (id bigint, amount numeric(10,2), note text)");
            sql.execute("INSERT INTO sales.orders VALUES (1, 9.50, 'first'), (2, NULL, 'second'), (3, 12.25, NULL)");
            sql.execute("CREATE VIEW sales.big_orders AS SELECT id, amount FROM sales.orders WHERE amount > 10");
            sql.execute("ANALYZE sales.orders");
            sql.execute("CREATE SCHEMA locked");
            sql.execute("CREATE TABLE locked.payroll (id int)");
            sql.execute("CREATE ROLE reader LOGIN PASSWORD 'reader-pw'");
            sql.execute("GRANT USAGE ON SCHEMA sales TO reader");
            sql.execute("GRANT SELECT ON sales.orders TO reader");
        }
        databaseReady = true;
    }

    // --- S3 -------------------------------------------------------------------------------------------------------

    @Test
    void testsAnS3Location() {
        String prefix = UUID.randomUUID() + "/orders/";
        put(prefix + "a.csv", ORDERS_CSV);

        InteractiveReply reply = ask(testConnection(s3Source(BUCKET, prefix), ""));

        assertThat(reply.getTestConnection().getChecksList()).containsExactly(
                "bucket 'customer-data' exists and the edge's credentials can reach it",
                "prefix '" + prefix + "' can be listed and holds objects",
                "object '" + prefix + "a.csv' can be read");
    }

    @Test
    void namesAMissingBucketAndAMissingPrefix() {
        InteractiveError bucket = ask(testConnection(s3Source("no-such-bucket", ""), "")).getError();
        InteractiveError prefix = ask(testConnection(s3Source(BUCKET, "nothing-here/"), "")).getError();

        assertThat(bucket.getCode()).isEqualTo("BUCKET_NOT_FOUND");
        assertThat(bucket.getMessage()).contains("'no-such-bucket'");
        assertThat(prefix.getCode()).isEqualTo("PREFIX_NOT_FOUND");
        assertThat(prefix.getMessage()).contains("'nothing-here/'");
    }

    @Test
    void namesInvalidCredentialsAndAnUnreachableEndpoint() throws IOException {
        // The service reads S3 with the edge's own credentials, so other credentials need a client of their own;
        // the server is the same real S3Proxy.
        S3Location location = S3Location.newBuilder().setBucket(BUCKET).setPrefix("").build();
        try (S3Client wrongSecret = client(localS3.endpoint(), localS3.accessKey(), "not-the-secret");
                S3Client refused = client(URI.create("http://127.0.0.1:" + closedPort()), localS3.accessKey(),
                        localS3.secretKey());
                S3Client unknownHost = client(URI.create("http://no-such-host.invalid:9000"), localS3.accessKey(),
                        localS3.secretKey())) {
            assertThat(codeOf(() -> S3Sources.testConnection(wrongSecret, location))).isEqualTo("INVALID_CREDENTIALS");
            assertThat(codeOf(() -> S3Sources.testConnection(refused, location))).isEqualTo("CONNECTION_REFUSED");
            assertThat(codeOf(() -> S3Sources.testConnection(unknownHost, location))).isEqualTo("UNKNOWN_HOST");
        }
    }

    @Test
    void browsesOneLevelWithFormatsColumnsAndRowCounts() throws Exception {
        String prefix = UUID.randomUUID() + "/";
        put(prefix + "2024/01.csv", ORDERS_CSV);
        put(prefix + "orders.csv", ORDERS_CSV);
        put(prefix + "events.jsonl", "{\"id\": 1, \"kind\": \"click\"}\n{\"id\": 2, \"kind\": \"view\"}\n");
        Path parquet = Files.createTempFile(secrets, "events", ".parquet");
        Files.delete(parquet);
        duckDb("COPY (SELECT range AS id, (range * 0.5)::DOUBLE AS score FROM range(1000)) TO '" + parquet
                + "' (FORMAT parquet)");
        s3.putObject(b -> b.bucket(BUCKET).key(prefix + "metrics.parquet"), parquet);
        // Rows of equal width, far over the test's csv-sample-bytes (4K): counted from a sample, then extrapolated.
        put(prefix + "wide.csv", IntStream.range(0, 5000).mapToObj(i -> String.format("%05d,row", i))
                .collect(Collectors.joining("\n", "id,label\n", "\n")));
        put(prefix + "readme.txt", "not data");

        BrowseReply reply = ask(browse(s3Source(BUCKET, prefix), "", 100)).getBrowse();

        assertThat(reply.getPrefixesList()).containsExactly(prefix + "2024/");
        assertThat(reply.getObjectsList()).extracting(ObjectEntry::getKey, ObjectEntry::getFormat,
                ObjectEntry::getRowCountKind).containsExactly(
                        tuple(prefix + "events.jsonl", FileFormat.FILE_FORMAT_JSON_LINES, RowCountKind.ROW_COUNT_EXACT),
                        tuple(prefix + "metrics.parquet", FileFormat.FILE_FORMAT_PARQUET, RowCountKind.ROW_COUNT_EXACT),
                        tuple(prefix + "orders.csv", FileFormat.FILE_FORMAT_CSV, RowCountKind.ROW_COUNT_EXACT),
                        tuple(prefix + "readme.txt", FileFormat.FILE_FORMAT_UNKNOWN, RowCountKind.ROW_COUNT_UNKNOWN),
                        tuple(prefix + "wide.csv", FileFormat.FILE_FORMAT_CSV, RowCountKind.ROW_COUNT_ESTIMATED));
        assertThat(reply.getObjectsList()).extracting(ObjectEntry::getRowCount).startsWith(2L, 1000L, 3L, 0L);
        assertThat(reply.getObjects(4).getRowCount()).isBetween(4950L, 5050L);
        assertThat(reply.getObjects(0).getColumnsList()).containsExactly(column("id", "BIGINT"),
                column("kind", "VARCHAR"));
        assertThat(reply.getObjects(1).getColumnsList()).containsExactly(column("id", "BIGINT"),
                column("score", "DOUBLE"));
        assertThat(reply.getObjects(1).getSizeBytes()).isEqualTo(Files.size(parquet));
        assertThat(reply.getObjects(2).getColumnsList()).containsExactly(column("id", "BIGINT"),
                column("amount", "DOUBLE"), column("customer", "VARCHAR"));
        assertThat(reply.getObjects(3).getInferenceError()).contains("columns not inferred");
        assertThat(reply.getTruncated()).isFalse();

        BrowseReply limited = ask(browse(s3Source(BUCKET, prefix), "", 2)).getBrowse();
        assertThat(limited.getPrefixesList()).containsExactly(prefix + "2024/");
        assertThat(limited.getObjectsList()).extracting(ObjectEntry::getKey).containsExactly(prefix + "events.jsonl");
        assertThat(limited.getTruncated()).isTrue();
    }

    @Test
    void previewsTheFirstRowsOfAnObject() throws Exception {
        String key = UUID.randomUUID() + "/orders.csv";
        put(key, ORDERS_CSV);
        String events = UUID.randomUUID() + "/events.parquet";
        Path parquet = Files.createTempFile(secrets, "events", ".parquet");
        Files.delete(parquet);
        duckDb("COPY (SELECT range AS id FROM range(150)) TO '" + parquet + "' (FORMAT parquet)");
        s3.putObject(b -> b.bucket(BUCKET).key(events), parquet);

        String lines = UUID.randomUUID() + "/events.jsonl";
        put(lines, "{\"id\": 1, \"kind\": \"click\"}\n{\"id\": 2, \"kind\": null}\n");

        PreviewReply two = ask(preview(s3Source(BUCKET, key), "", "", 2)).getPreview();
        PreviewReply jsonLines = ask(preview(s3Source(BUCKET, lines), "", "", 5)).getPreview();
        PreviewReply all = ask(preview(s3Source(BUCKET, key), "", "", 10)).getPreview();
        PreviewReply capped = ask(preview(s3Source(BUCKET, events), "", "", 1000)).getPreview();

        assertThat(two.getView().getColumnsList()).containsExactly("id", "amount", "customer");
        assertThat(two.getView().getRowsList()).containsExactly(row(List.of("1", "9.5", "alice")),
                row(List.of("2", "", "bob"), 1));
        assertThat(two.getTruncated()).isTrue();
        assertThat(jsonLines.getView().getColumnsList()).containsExactly("id", "kind");
        assertThat(jsonLines.getView().getRowsList()).containsExactly(row(List.of("1", "click")),
                row(List.of("2", ""), 1));
        assertThat(jsonLines.getTruncated()).isFalse();
        assertThat(all.getView().getRowsCount()).isEqualTo(3);
        assertThat(all.getTruncated()).isFalse();
        // The default cap (outpost.browser.preview-max-rows=100) wins over the request's 1000.
        assertThat(capped.getView().getRowsCount()).isEqualTo(100);
        assertThat(capped.getView().getRows(99).getValuesList()).containsExactly("99");
        assertThat(capped.getTruncated()).isTrue();
    }

    @Test
    void refusesToPreviewAMissingObject() {
        InteractiveError error = ask(preview(s3Source(BUCKET, "no/such.csv"), "", "", 5)).getError();

        assertThat(error.getCode()).isEqualTo(InteractiveException.NOT_FOUND);
        assertThat(error.getMessage()).contains("'no/such.csv'");
    }

    // --- PostgreSQL -----------------------------------------------------------------------------------------------

    @Test
    void testsAPostgresConnectionAndTheSchemasPrivileges() throws IOException {
        InteractiveReply owner = ask(testConnection(superuser(), "sales"));
        InteractiveError reader = ask(testConnection(reader("reader-pw"), "sales")).getError();
        InteractiveError noUsage = ask(testConnection(reader("reader-pw"), "locked")).getError();

        assertThat(owner.getTestConnection().getChecksList()).containsExactly(
                "connected to " + url() + " as user '" + postgres.user() + "'",
                "user '" + postgres.user() + "' may read all 2 tables in schema 'sales'");
        assertThat(reader.getCode()).isEqualTo("ACCESS_DENIED");
        assertThat(reader.getMessage()).contains("may not read 1 of the 2 tables in schema 'sales': big_orders",
                "GRANT SELECT ON ALL TABLES IN SCHEMA \"sales\" TO \"reader\"");
        assertThat(noUsage.getCode()).isEqualTo("ACCESS_DENIED");
        assertThat(noUsage.getMessage()).contains("GRANT USAGE ON SCHEMA \"locked\"");
    }

    @Test
    void namesEachReasonAPostgresConnectionFails() throws IOException {
        String database = postgres.jdbcUrl(PostgresTestResource.DEFAULT_DATABASE);
        assertThat(codeOf(testConnection(reader("wrong-password"), ""))).isEqualTo("INVALID_CREDENTIALS");
        assertThat(codeOf(testConnection(postgresSource(postgres.jdbcUrl("no_such_db"), "reader",
                secretFile("reader-pw")), ""))).isEqualTo("DATABASE_NOT_FOUND");
        assertThat(codeOf(testConnection(postgresSource("jdbc:postgresql://no-such-host.invalid:5432/outpost",
                "reader", secretFile("reader-pw")), ""))).isEqualTo("UNKNOWN_HOST");
        assertThat(codeOf(testConnection(postgresSource("jdbc:postgresql://127.0.0.1:" + closedPort() + "/outpost",
                "reader", secretFile("reader-pw")), ""))).isEqualTo("CONNECTION_REFUSED");
        assertThat(codeOf(testConnection(postgresSource(database, "reader", "env:OUTPOST_NO_SUCH_VARIABLE"), "")))
                .isEqualTo("SECRET_UNAVAILABLE");
        assertThat(codeOf(testConnection(postgresSource(database, "reader", "reader-pw"), "")))
                .isEqualTo(InteractiveException.INVALID_REQUEST);
        assertThat(codeOf(testConnection(superuser(), "no_such_schema"))).isEqualTo("SCHEMA_NOT_FOUND");
    }

    @Test
    void answersTimeoutWhenTheDatabaseIsSilent() throws IOException {
        // The kernel accepts connections into the backlog, and nothing ever answers PostgreSQL's startup message.
        try (ServerSocket silent = new ServerSocket(0)) {
            long start = System.nanoTime();
            InteractiveError error = ask(testConnection(postgresSource("jdbc:postgresql://127.0.0.1:"
                    + silent.getLocalPort() + "/outpost", "reader", secretFile("reader-pw")), "")).getError();
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(error.getCode()).isEqualTo("TIMEOUT");
            assertThat(took).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(10));
        }
    }

    @Test
    void answersOtherRequestsWhileOneWaitsOnASilentSource() throws IOException {
        String prefix = UUID.randomUUID() + "/orders/";
        put(prefix + "a.csv", ORDERS_CSV);
        try (ServerSocket silent = new ServerSocket(0)) {
            String stuckId = UUID.randomUUID().toString();
            long start = System.nanoTime();
            queues.send(OutpostQueue.INTERACTIVE, testConnection(postgresSource("jdbc:postgresql://127.0.0.1:"
                    + silent.getLocalPort() + "/outpost", "reader", secretFile("reader-pw")), "")
                    .setRequestId(stuckId).build());

            InteractiveReply prompt = ask(testConnection(s3Source(BUCKET, prefix), ""));
            Duration promptTook = Duration.ofNanos(System.nanoTime() - start);
            InteractiveReply stuck = InteractiveExchange.replyTo(queues, stuckId, REPLY_DEADLINE);
            Duration stuckTook = Duration.ofNanos(System.nanoTime() - start);

            assertThat(prompt.getTestConnection().getChecksCount()).isEqualTo(3);
            // The profile's request timeout is 4 s: the S3 answer did not wait behind the silent database.
            assertThat(promptTook).isLessThan(Duration.ofSeconds(2));
            assertThat(stuck.getError().getCode()).isEqualTo("TIMEOUT");
            assertThat(stuckTook).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(10));
        }
    }

    @Test
    void browsesSchemasThenTablesWithColumnsAndRowEstimates() throws IOException {
        BrowseReply schemas = ask(browse(superuser(), "", 100)).getBrowse();
        BrowseReply tables = ask(browse(superuser(), "sales", 100)).getBrowse();
        BrowseReply oneTable = ask(browse(superuser(), "sales", 1)).getBrowse();

        assertThat(schemas.getSchemasList()).extracting(SchemaEntry::getName, SchemaEntry::getTableCount)
                .containsExactly(tuple("locked", 1), tuple("public", 0), tuple("sales", 2));
        assertThat(tables.getTablesList()).extracting(TableEntry::getName, TableEntry::getKind,
                TableEntry::getRowEstimate).containsExactly(tuple("big_orders", "view", -1L),
                        tuple("orders", "table", 3L));
        assertThat(tables.getTables(1).getColumnsList()).containsExactly(column("id", "bigint"),
                column("amount", "numeric(10,2)"), column("note", "text"));
        assertThat(tables.getTables(0).getColumnsList()).containsExactly(column("id", "bigint"),
                column("amount", "numeric(10,2)"));
        assertThat(oneTable.getTablesList()).extracting(TableEntry::getName).containsExactly("big_orders");
        assertThat(oneTable.getTruncated()).isTrue();
        assertThat(codeOf(browse(superuser(), "no_such_schema", 10))).isEqualTo("SCHEMA_NOT_FOUND");
    }

    @Test
    void previewsTheFirstRowsOfATable() throws IOException {
        PreviewReply two = ask(preview(superuser(), "sales", "orders", 2)).getPreview();
        PreviewReply all = ask(preview(reader("reader-pw"), "sales", "orders", 100)).getPreview();

        assertThat(two.getView().getColumnsList()).containsExactly("id", "amount", "note");
        assertThat(two.getView().getRowsList()).containsExactly(row(List.of("1", "9.50", "first")),
                row(List.of("2", "", "second"), 1));
        assertThat(two.getTruncated()).isTrue();
        assertThat(all.getView().getRowsList()).extracting(row -> List.copyOf(row.getValuesList())).containsExactly(
                List.of("1", "9.50", "first"), List.of("2", "", "second"), List.of("3", "12.25", ""));
        assertThat(all.getTruncated()).isFalse();
        assertThat(codeOf(preview(superuser(), "sales", "no_such_table", 5))).isEqualTo("TABLE_NOT_FOUND");
        assertThat(codeOf(preview(reader("reader-pw"), "sales", "big_orders", 5))).isEqualTo("ACCESS_DENIED");
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    private String url() {
        return postgres.jdbcUrl(PostgresTestResource.DEFAULT_DATABASE);
    }

    private DataSource superuser() throws IOException {
        return postgresSource(url(), postgres.user(), secretFile(postgres.password()));
    }

    private DataSource reader(String password) throws IOException {
        return postgresSource(url(), "reader", secretFile(password));
    }

    private String secretFile(String password) throws IOException {
        Path file = Files.createTempFile(secrets, "password", "");
        Files.writeString(file, password + "\n");
        return "file:" + file.toRealPath();
    }

    private static DataSource postgresSource(String url, String user, String secret) {
        return DataSource.newBuilder().setPostgres(PostgresDatabase.newBuilder().setJdbcUrl(url).setUser(user)
                .setPasswordSecret(secret)).build();
    }

    private static DataSource s3Source(String bucket, String prefix) {
        return DataSource.newBuilder().setS3(S3Location.newBuilder().setBucket(bucket).setPrefix(prefix)).build();
    }

    private static InteractiveRequest.Builder testConnection(DataSource source, String schema) {
        return InteractiveRequest.newBuilder().setTestConnection(TestConnectionRequest.newBuilder().setSource(source)
                .setSchema(schema));
    }

    private static InteractiveRequest.Builder browse(DataSource source, String schema, int limit) {
        return InteractiveRequest.newBuilder().setBrowse(BrowseRequest.newBuilder().setSource(source)
                .setSchema(schema).setLimit(limit));
    }

    private static InteractiveRequest.Builder preview(DataSource source, String schema, String table, int limit) {
        return InteractiveRequest.newBuilder().setPreview(PreviewRequest.newBuilder().setSource(source)
                .setSchema(schema).setTable(table).setLimit(limit));
    }

    private String codeOf(InteractiveRequest.Builder request) {
        InteractiveReply reply = ask(request);
        assertThat(reply.getKindCase()).as(reply.toString()).isEqualTo(InteractiveReply.KindCase.ERROR);
        return reply.getError().getCode();
    }

    private static String codeOf(Runnable call) {
        try {
            call.run();
        } catch (InteractiveException e) {
            return e.code();
        }
        throw new AssertionError("expected an InteractiveException");
    }

    private static S3Client client(URI endpoint, String accessKey, String secretKey) {
        return S3Client.builder().endpointOverride(endpoint).region(Region.of(LocalS3.REGION))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .build();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Row row(List<String> values, int... nulls) {
        return Row.newBuilder().addAllValues(values).addAllNulls(IntStream.of(nulls).boxed().toList()).build();
    }

    private static ColumnInfo column(String name, String type) {
        return ColumnInfo.newBuilder().setName(name).setType(type).build();
    }

    private void put(String key, String content) {
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(content));
    }

    private static void duckDb(String statement) throws Exception {
        try (Connection duckDb = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duckDb.createStatement()) {
            sql.execute(statement);
        }
    }

    private InteractiveReply ask(InteractiveRequest.Builder request) {
        return InteractiveExchange.ask(queues, OutpostQueue.INTERACTIVE, request, REPLY_DEADLINE);
    }
}
