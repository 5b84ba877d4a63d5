package dev.outpost.control;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import dev.outpost.control.error.GrpcErrors;
import dev.outpost.proto.api.v1.BrowseDataSourceRequest;
import dev.outpost.proto.api.v1.BrowseDataSourceResponse;
import dev.outpost.proto.api.v1.DataSourceBrowserServiceGrpc;
import dev.outpost.proto.api.v1.PreviewDataSourceRequest;
import dev.outpost.proto.api.v1.PreviewDataSourceResponse;
import dev.outpost.proto.api.v1.TestDataSourceConnectionRequest;
import dev.outpost.proto.api.v1.TestDataSourceConnectionResponse;
import dev.outpost.proto.edgelink.v1.ControlFrame;
import dev.outpost.proto.edgelink.v1.EdgeEvent;
import dev.outpost.proto.edgelink.v1.EdgeFrame;
import dev.outpost.proto.interactive.v1.BrowseReply;
import dev.outpost.proto.interactive.v1.FileFormat;
import dev.outpost.proto.interactive.v1.InteractiveError;
import dev.outpost.proto.interactive.v1.InteractiveReply;
import dev.outpost.proto.interactive.v1.InteractiveRequest;
import dev.outpost.proto.interactive.v1.ObjectEntry;
import dev.outpost.proto.interactive.v1.PreviewReply;
import dev.outpost.proto.interactive.v1.Row;
import dev.outpost.proto.interactive.v1.SchemaEntry;
import dev.outpost.proto.interactive.v1.TableEntry;
import dev.outpost.proto.interactive.v1.TestConnectionReply;
import dev.outpost.proto.interactive.v1.TransientView;
import dev.outpost.proto.job.v1.ColumnInfo;
import dev.outpost.proto.job.v1.RowCountKind;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Test connection, browse and preview relayed to the edge's metadata-browser, over REST and gRPC. The edge is a
 * {@link TestEdge} speaking the real EdgeLink protocol with scripted answers: metadata-browser itself, against S3Proxy
 * and an embedded PostgreSQL, is tested in its own module and end to end in integration-tests.
 */
@QuarkusTest
@TestProfile(ControlApiTestProfile.class)
class DataSourceBrowserTest extends HttpsTest {

    @Inject
    EntityManager db;

    @Test
    void filesAreTestedBrowsedAndPreviewedThroughTheEdge() throws Exception {
        String[] edge = EdgeLinkTest.createEdge("browse-edge");
        String source = filesSource("browse-ds", edge[0], "sales/");
        try (TestEdge link = linked(edge)) {
            var tested = ask(() -> given().post(path(source, "test-connection")).then().extract());
            InteractiveRequest request = request(link);
            assertThat(request.getTestConnection().getSource().getS3().getBucket()).isEqualTo("data");
            assertThat(request.getTestConnection().getSource().getS3().getPrefix()).isEqualTo("sales/");
            reply(link, request, InteractiveReply.newBuilder().setTestConnection(TestConnectionReply.newBuilder()
                    .addChecks("bucket 'data' exists").addChecks("prefix 'sales/' holds objects")));
            assertThat(tested.get(10, TimeUnit.SECONDS).<List<String>>path("checks"))
                    .containsExactly("bucket 'data' exists", "prefix 'sales/' holds objects");

            var listed = ask(() -> given().queryParam("prefix", "sales/2026/").queryParam("limit", 5)
                    .get(path(source, "browse")).then().extract());
            request = request(link);
            assertThat(request.getBrowse().getSource().getS3().getPrefix()).isEqualTo("sales/2026/");
            assertThat(request.getBrowse().getLimit()).isEqualTo(5);
            reply(link, request, InteractiveReply.newBuilder().setBrowse(BrowseReply.newBuilder()
                    .addPrefixes("sales/2026/01/")
                    .addObjects(ObjectEntry.newBuilder().setKey("sales/2026/all.parquet").setSizeBytes(2048)
                            .setFormat(FileFormat.FILE_FORMAT_PARQUET).setRowCount(12)
                            .setRowCountKind(RowCountKind.ROW_COUNT_EXACT)
                            .addColumns(ColumnInfo.newBuilder().setName("id").setType("BIGINT")))
                    .addObjects(ObjectEntry.newBuilder().setKey("sales/2026/all.avro").setFormatValue(42))
                    .setTruncated(true)));
            var listing = listed.get(10, TimeUnit.SECONDS);
            assertThat(listing.statusCode()).isEqualTo(200);
            assertThat(listing.<List<String>>path("prefixes")).containsExactly("sales/2026/01/");
            assertThat(listing.<String>path("objects[0].format")).isEqualTo("parquet");
            assertThat(listing.<String>path("objects[0].rowCountKind")).isEqualTo("exact");
            assertThat(listing.<Integer>path("objects[0].rowCount")).isEqualTo(12);
            assertThat(listing.<String>path("objects[0].columns[0].type")).isEqualTo("BIGINT");
            assertThat(listing.<String>path("objects[1].format")).as("a format of a newer edge").isEqualTo("unknown");
            assertThat(listing.<String>path("objects[1].rowCountKind")).isEqualTo("unknown");
            assertThat(listing.<List<?>>path("schemas")).isEmpty();
            assertThat(listing.<Boolean>path("truncated")).isTrue();

            var previewed = ask(() -> given().queryParam("key", "sales/2026/all.parquet")
                    .get(path(source, "preview")).then().extract());
            request = request(link);
            assertThat(request.getPreview().getSource().getS3().getPrefix()).isEqualTo("sales/2026/all.parquet");
            assertThat(request.getPreview().getLimit()).isEqualTo(100);
            reply(link, request, InteractiveReply.newBuilder().setPreview(PreviewReply.newBuilder()
                    .setView(TransientView.newBuilder().addColumns("id").addColumns("email")
                            .addRows(Row.newBuilder().addValues("1").addValues("a@example.com"))
                            .addRows(Row.newBuilder().addValues("2").addValues("").addNulls(1)))));
            var preview = previewed.get(10, TimeUnit.SECONDS);
            assertThat(preview.statusCode()).isEqualTo(200);
            assertThat(preview.header("Cache-Control")).isEqualTo("no-store");
            assertThat(preview.<List<String>>path("columns")).containsExactly("id", "email");
            assertThat(preview.<List<List<String>>>path("rows"))
                    .containsExactly(List.of("1", "a@example.com"), Arrays.asList("2", null));
            assertThat(preview.<Boolean>path("truncated")).isFalse();
        }
    }

    @Test
    void previewRowsReachTheCallerButNoTableAndNoLogOfControlApi() throws Exception {
        String canary = "canary-" + UUID.randomUUID();
        String[] edge = EdgeLinkTest.createEdge("canary-edge");
        String source = filesSource("canary-ds", edge[0], "in/");
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(String.valueOf(record instanceof ExtLogRecord ext ? ext.getFormattedMessage()
                        : record.getMessage()) + " " + record.getThrown());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("").addHandler(capture);
        try (TestEdge link = linked(edge)) {
            var previewed = ask(() -> given().queryParam("key", "in/people.csv").get(path(source, "preview")).then()
                    .extract());
            InteractiveRequest request = request(link);
            reply(link, request, InteractiveReply.newBuilder().setPreview(PreviewReply.newBuilder()
                    .setView(TransientView.newBuilder().addColumns("secret").addRows(Row.newBuilder()
                            .addValues(canary)))));
            assertThat(previewed.get(10, TimeUnit.SECONDS).<List<List<String>>>path("rows"))
                    .containsExactly(List.of(canary));
        } finally {
            Logger.getLogger("").removeHandler(capture);
        }
        assertThat(logged).as("log records while the preview was relayed").isNotEmpty()
                .noneMatch(line -> line.contains(canary));
        List<String> tables = ((List<?>) db.createNativeQuery("select table_name from information_schema.tables "
                + "where table_schema = 'public' and table_type = 'BASE TABLE'").getResultList()).stream()
                .map(String::valueOf).toList();
        assertThat(tables).as("control-api's tables").contains("catalog_item", "edge_command", "job");
        for (String table : tables) {
            long holding = ((Number) db.createNativeQuery("select count(*) from \"" + table + "\" t "
                    + "where cast(t.* as text) like :canary").setParameter("canary", "%" + canary + "%")
                    .getSingleResult()).longValue();
            assertThat(holding).as("rows of " + table + " holding the previewed value").isZero();
        }
    }

    @Test
    void aTableSourceIsBrowsedByDatabaseAndPreviewedByTable() throws Exception {
        String[] edge = EdgeLinkTest.createEdge("browse-pg-edge");
        String source = tableSource("browse-pg-ds", edge[0]);
        try (TestEdge link = linked(edge)) {
            var tested = ask(() -> given().post(path(source, "test-connection")).then().extract());
            InteractiveRequest request = request(link);
            assertThat(request.getTestConnection().getSource().getPostgres().getJdbcUrl())
                    .isEqualTo("jdbc:postgresql://db.internal:5432/shop");
            assertThat(request.getTestConnection().getSource().getPostgres().getPasswordSecret())
                    .isEqualTo("env:SHOP_DB_PASSWORD");
            assertThat(request.getTestConnection().getSchema()).as("the data source's own schema").isEqualTo("sales");
            reply(link, request, InteractiveReply.newBuilder().setTestConnection(TestConnectionReply.newBuilder()
                    .addChecks("connected as reader")));
            assertThat(tested.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);

            var schemas = ask(() -> given().get(path(source, "browse")).then().extract());
            request = request(link);
            assertThat(request.getBrowse().getSchema()).isEmpty();
            reply(link, request, InteractiveReply.newBuilder().setBrowse(BrowseReply.newBuilder()
                    .addSchemas(SchemaEntry.newBuilder().setName("sales").setTableCount(2))));
            assertThat(schemas.get(10, TimeUnit.SECONDS).<String>path("schemas[0].name")).isEqualTo("sales");

            var tables = ask(() -> given().queryParam("schema", "archive").get(path(source, "browse")).then()
                    .extract());
            request = request(link);
            assertThat(request.getBrowse().getSchema()).isEqualTo("archive");
            reply(link, request, InteractiveReply.newBuilder().setBrowse(BrowseReply.newBuilder()
                    .addTables(TableEntry.newBuilder().setName("orders_2020").setKind("table").setRowEstimate(-1)
                            .addColumns(ColumnInfo.newBuilder().setName("id").setType("bigint")))));
            var tableListing = tables.get(10, TimeUnit.SECONDS);
            assertThat(tableListing.<String>path("tables[0].kind")).isEqualTo("table");
            assertThat(tableListing.<Integer>path("tables[0].rowEstimate")).isEqualTo(-1);

            var own = ask(() -> given().get(path(source, "preview")).then().extract());
            request = request(link);
            assertThat(request.getPreview().getSchema()).isEqualTo("sales");
            assertThat(request.getPreview().getTable()).isEqualTo("orders");
            reply(link, request, InteractiveReply.newBuilder().setPreview(PreviewReply.newBuilder()
                    .setView(TransientView.newBuilder().addColumns("id").addRows(Row.newBuilder().addValues("7")))
                    .setTruncated(true)));
            assertThat(own.get(10, TimeUnit.SECONDS).<Boolean>path("truncated")).isTrue();

            var other = ask(() -> given().queryParam("schema", "archive").queryParam("table", "orders_2020")
                    .get(path(source, "preview")).then().extract());
            request = request(link);
            assertThat(request.getPreview().getSchema()).isEqualTo("archive");
            assertThat(request.getPreview().getTable()).isEqualTo("orders_2020");
            reply(link, request, InteractiveReply.newBuilder().setPreview(PreviewReply.getDefaultInstance()));
            assertThat(other.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        given().queryParam("prefix", "x/").get(path(source, "browse")).then().statusCode(400)
                .body("message", containsString("use schema and table"));
        given().queryParam("schema", "archive").get(path(source, "preview")).then().statusCode(400)
                .body("message", containsString("table is missing"));
    }

    @Test
    void whatLiesOutsideTheDataSourceIsRefusedBeforeTheEdgeIsAsked() {
        String[] edge = EdgeLinkTest.createEdge("outside-edge");
        String source = filesSource("outside-ds", edge[0], "sales/");
        // The edge is not linked: a request that reached it would be 503.
        given().queryParam("prefix", "hr/").get(path(source, "browse")).then().statusCode(400)
                .body("error", equalTo("INVALID_ARGUMENT"))
                .body("message", containsString("outside data source 'outside-ds'"))
                .body("message", containsString("starts with 'sales/'"));
        given().queryParam("key", "hr/salaries.csv").get(path(source, "preview")).then().statusCode(400)
                .body("message", containsString("key 'hr/salaries.csv' is outside"));
        given().get(path(source, "preview")).then().statusCode(400)
                .body("message", containsString("key is missing"));
        given().queryParam("schema", "public").get(path(source, "browse")).then().statusCode(400)
                .body("message", containsString("use prefix or key"));
        given().queryParam("limit", 5000).get(path(source, "browse")).then().statusCode(400)
                .body("message", containsString("1 to 1000"));
        given().get(path(source, "browse")).then().statusCode(503)
                .body("error", equalTo("UNAVAILABLE"))
                .body("message", containsString("disconnected"));

        var browser = DataSourceBrowserServiceGrpc.newBlockingStub(api);
        Status outside = failure(() -> browser.browseDataSource(BrowseDataSourceRequest.newBuilder()
                .setDataSourceId(source).setPrefix("hr/").build()));
        assertThat(outside.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(outside.getDescription()).contains("starts with 'sales/'");
        assertThat(failure(() -> browser.previewDataSource(PreviewDataSourceRequest.newBuilder()
                .setDataSourceId(source).setKey("sales/a.csv").build())).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    }

    @Test
    void theEdgesErrorsReachThePersonWithTheirCodeAndMessage() throws Exception {
        Map<String, Integer> httpStatus = new LinkedHashMap<>();
        httpStatus.put("BUCKET_NOT_FOUND", 404);
        httpStatus.put("TABLE_NOT_FOUND", 404);
        httpStatus.put("ACCESS_DENIED", 422);
        httpStatus.put("INVALID_CREDENTIALS", 422);
        httpStatus.put("SECRET_UNAVAILABLE", 422);
        httpStatus.put("UNKNOWN_HOST", 502);
        httpStatus.put("TIMEOUT", 504);
        httpStatus.put("REFUSED_BY_POLICY", 403);
        httpStatus.put("INVALID_REQUEST", 400);
        Map<String, Status.Code> grpcStatus = Map.of("BUCKET_NOT_FOUND", Status.Code.NOT_FOUND,
                "TABLE_NOT_FOUND", Status.Code.NOT_FOUND, "ACCESS_DENIED", Status.Code.FAILED_PRECONDITION,
                "INVALID_CREDENTIALS", Status.Code.FAILED_PRECONDITION,
                "SECRET_UNAVAILABLE", Status.Code.FAILED_PRECONDITION, "UNKNOWN_HOST", Status.Code.UNAVAILABLE,
                "TIMEOUT", Status.Code.DEADLINE_EXCEEDED, "REFUSED_BY_POLICY", Status.Code.PERMISSION_DENIED,
                "INVALID_REQUEST", Status.Code.INVALID_ARGUMENT);
        String[] edge = EdgeLinkTest.createEdge("failing-edge");
        String source = filesSource("failing-ds", edge[0], "in/");
        var browser = DataSourceBrowserServiceGrpc.newBlockingStub(api);
        try (TestEdge link = linked(edge)) {
            for (var expected : httpStatus.entrySet()) {
                String code = expected.getKey();
                String message = "the edge says " + code.toLowerCase() + ": fix it there";
                var answer = ask(() -> given().post(path(source, "test-connection")).then().extract());
                reply(link, request(link), InteractiveReply.newBuilder()
                        .setError(InteractiveError.newBuilder().setCode(code).setMessage(message)));
                var rest = answer.get(10, TimeUnit.SECONDS);
                assertThat(rest.statusCode()).as("REST status for " + code).isEqualTo(expected.getValue());
                assertThat(rest.<String>path("error")).isEqualTo(code);
                assertThat(rest.<String>path("message")).isEqualTo(message);

                CompletableFuture<StatusRuntimeException> call = CompletableFuture.supplyAsync(() -> {
                    try {
                        browser.testDataSourceConnection(TestDataSourceConnectionRequest.newBuilder()
                                .setDataSourceId(source).build());
                        return null;
                    } catch (StatusRuntimeException e) {
                        return e;
                    }
                });
                reply(link, request(link), InteractiveReply.newBuilder()
                        .setError(InteractiveError.newBuilder().setCode(code).setMessage(message)));
                StatusRuntimeException grpc = call.get(10, TimeUnit.SECONDS);
                assertThat(grpc).as("gRPC failure for " + code).isNotNull();
                assertThat(grpc.getStatus().getCode()).as("gRPC status for " + code).isEqualTo(grpcStatus.get(code));
                assertThat(grpc.getStatus().getDescription()).isEqualTo(message);
                assertThat(grpc.getTrailers().get(GrpcErrors.CODE)).isEqualTo(code);
            }
        }
    }

    @Test
    void grpcRelaysTheSameAnswers() throws Exception {
        String[] edge = EdgeLinkTest.createEdge("grpc-browse-edge");
        String source = filesSource("grpc-browse-ds", edge[0], "in/");
        var browser = DataSourceBrowserServiceGrpc.newBlockingStub(api);
        try (TestEdge link = linked(edge)) {
            CompletableFuture<TestDataSourceConnectionResponse> tested = CompletableFuture.supplyAsync(
                    () -> browser.testDataSourceConnection(TestDataSourceConnectionRequest.newBuilder()
                            .setDataSourceId(source).build()));
            reply(link, request(link), InteractiveReply.newBuilder().setTestConnection(TestConnectionReply
                    .newBuilder().addChecks("bucket 'data' exists")));
            assertThat(tested.get(10, TimeUnit.SECONDS).getChecksList()).containsExactly("bucket 'data' exists");

            CompletableFuture<BrowseDataSourceResponse> listed = CompletableFuture.supplyAsync(
                    () -> browser.browseDataSource(BrowseDataSourceRequest.newBuilder().setDataSourceId(source)
                            .build()));
            InteractiveRequest request = request(link);
            assertThat(request.getBrowse().getLimit()).as("the default limit").isEqualTo(100);
            assertThat(request.getBrowse().getSource().getS3().getPrefix()).isEqualTo("in/");
            reply(link, request, InteractiveReply.newBuilder().setBrowse(BrowseReply.newBuilder()
                    .addObjects(ObjectEntry.newBuilder().setKey("in/a.csv").setSizeBytes(3))));
            BrowseDataSourceResponse listing = listed.get(10, TimeUnit.SECONDS);
            assertThat(listing.getDataSourceId()).isEqualTo(source);
            assertThat(listing.getListing().getObjects(0).getKey()).isEqualTo("in/a.csv");

            CompletableFuture<PreviewDataSourceResponse> previewed = CompletableFuture.supplyAsync(
                    () -> browser.previewDataSource(PreviewDataSourceRequest.newBuilder().setDataSourceId(source)
                            .setKey("in/a.csv").setLimit(2).build()));
            request = request(link);
            assertThat(request.getPreview().getLimit()).isEqualTo(2);
            reply(link, request, InteractiveReply.newBuilder().setPreview(PreviewReply.newBuilder()
                    .setView(TransientView.newBuilder().addColumns("id").addRows(Row.newBuilder().addValues("1")))
                    .setTruncated(true)));
            PreviewDataSourceResponse preview = previewed.get(10, TimeUnit.SECONDS);
            assertThat(preview.getView().getRows(0).getValues(0)).isEqualTo("1");
            assertThat(preview.getTruncated()).isTrue();
        }
    }

    static String filesSource(String name, String edgeId, String prefix) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("name", name, "edgeId", edgeId, "bucket", "data", "prefix", prefix, "format", "csv"))
                .post("/api/v1/data-sources").then().statusCode(201).extract().path("id");
    }

    static String tableSource(String name, String edgeId) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("name", name, "edgeId", edgeId, "table", Map.of(
                        "jdbcUrl", "jdbc:postgresql://db.internal:5432/shop", "user", "reader",
                        "passwordSecret", "env:SHOP_DB_PASSWORD", "schema", "sales", "table", "orders")))
                .post("/api/v1/data-sources").then().statusCode(201).extract().path("id");
    }

    private static String path(String source, String operation) {
        return "/api/v1/data-sources/" + source + "/" + operation;
    }

    /** A link of {@code edge} ({id, token}) that control-api counts as connected. */
    private TestEdge linked(String[] edge) throws InterruptedException {
        TestEdge link = TestEdge.connect(channel, edge[1], edge[0]);
        link.expect(ControlFrame::hasWelcome);
        EdgeLinkTest.awaitEdgeStatus(edge[0], "connected");
        return link;
    }

    private static <T> CompletableFuture<T> ask(Supplier<T> call) {
        return CompletableFuture.supplyAsync(call);
    }

    private static InteractiveRequest request(TestEdge link) throws InterruptedException {
        return link.expect(f -> f.hasCommand() && f.getCommand().hasInteractive()).getCommand().getInteractive();
    }

    private static void reply(TestEdge link, InteractiveRequest request, InteractiveReply.Builder reply) {
        link.send(EdgeFrame.newBuilder().setEvent(EdgeEvent.newBuilder().setEventId("reply-" + request.getRequestId())
                .setInteractiveReply(reply.setRequestId(request.getRequestId()))).build());
    }
}
