package dev.outpost.control;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.outpost.proto.api.v1.CatalogItem;
import dev.outpost.proto.api.v1.CatalogServiceGrpc;
import dev.outpost.proto.api.v1.DeleteCatalogItemRequest;
import dev.outpost.proto.api.v1.GetCatalogItemRequest;
import dev.outpost.proto.api.v1.ImportCatalogRequest;
import dev.outpost.proto.api.v1.Job;
import dev.outpost.proto.api.v1.ListCatalogItemsRequest;
import dev.outpost.proto.api.v1.ListCatalogItemsResponse;
import dev.outpost.proto.api.v1.ReimportCatalogItemRequest;
import dev.outpost.proto.edgelink.v1.ControlFrame;
import dev.outpost.proto.job.v1.CatalogEntry;
import dev.outpost.proto.job.v1.ColumnInfo;
import dev.outpost.proto.job.v1.JobEvent;
import dev.outpost.proto.job.v1.JobKind;
import dev.outpost.proto.job.v1.JobResult;
import dev.outpost.proto.job.v1.JobSpec;
import dev.outpost.proto.job.v1.JobState;
import dev.outpost.proto.job.v1.RowCountKind;
import io.grpc.Channel;
import io.grpc.Status;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The catalog: metadata-import jobs and the items their results leave, over REST and gRPC. The edge is a
 * {@link TestEdge} speaking the real EdgeLink protocol that answers the import job with a scripted
 * {@code JobResult.catalog}: the runner's side of an import is tested in job-runner, and a real edge end to end in
 * integration-tests.
 */
@QuarkusTest
@TestProfile(ControlApiTestProfile.class)
class CatalogTest extends HttpsTest {

    @Test
    void anImportFillsTheCatalogAndTheNextImportOfItsScopeReplacesWhatItHolds() throws Exception {
        String[] edge = EdgeLinkTest.createEdge("catalog-edge");
        String source = DataSourceBrowserTest.filesSource("catalog-ds", edge[0], "sales/");
        String first = given().contentType(ContentType.JSON)
                .body(Map.of("dataSourceId", source, "prefix", "sales/2026/")).post("/api/v1/catalog/imports")
                .then().statusCode(202).body("kind", equalTo("metadata_import")).body("state", equalTo("queued"))
                .body("dataSourceId", equalTo(source)).extract().path("id");
        String kept;
        try (TestEdge link = TestEdge.connect(channel, edge[1], edge[0])) {
            JobSpec spec = runJob(link, first);
            assertThat(spec.getKind()).isEqualTo(JobKind.JOB_KIND_METADATA_IMPORT);
            assertThat(spec.getLocation().getBucket()).isEqualTo("data");
            assertThat(spec.getLocation().getPrefix()).isEqualTo("sales/2026/");
            assertThat(spec.getRuleSetYaml()).isEmpty();
            succeed(link, first, file("sales/2026/jan.csv", 10), file("sales/2026/feb.parquet", 20)
                    .toBuilder().clearColumns().setError("the Parquet footer cannot be read").build(),
                    file("sales/2025/dec.csv", 5));
            given().get("/api/v1/jobs/" + first).then().body("state", equalTo("succeeded"));

            var listed = given().queryParam("dataSourceId", source).get("/api/v1/catalog/items").then()
                    .statusCode(200).body("total", equalTo(2)).extract();
            assertThat(listed.<List<String>>path("items.name")).as("ordered by name; outside the scope left out")
                    .containsExactly("sales/2026/feb.parquet", "sales/2026/jan.csv");
            kept = listed.path("items[1].id");
            given().get("/api/v1/catalog/items/" + kept).then().statusCode(200)
                    .body("kind", equalTo("file")).body("container", equalTo("data"))
                    .body("columns[0].name", equalTo("id")).body("columns[1].type", equalTo("VARCHAR"))
                    .body("rowCount", equalTo(10)).body("rowCountKind", equalTo("exact"))
                    .body("sizeBytes", equalTo(1000)).body("jobId", equalTo(first))
                    .body("importedAt", org.hamcrest.Matchers.notNullValue());
            given().queryParam("nameContains", "FEB").get("/api/v1/catalog/items").then().statusCode(200)
                    .body("items.name", equalTo(List.of("sales/2026/feb.parquet")))
                    .body("items[0].error", equalTo("the Parquet footer cannot be read"));
            given().queryParam("nameContains", "%").get("/api/v1/catalog/items").then().statusCode(200)
                    .body("total", equalTo(0));
            given().queryParam("dataSourceId", source).queryParam("pageSize", 1).queryParam("page", 1)
                    .get("/api/v1/catalog/items").then().statusCode(200)
                    .body("items.name", equalTo(List.of("sales/2026/jan.csv"))).body("total", equalTo(2));

            String second = given().contentType(ContentType.JSON)
                    .body(Map.of("dataSourceId", source, "prefix", "sales/2026/")).post("/api/v1/catalog/imports")
                    .then().statusCode(202).extract().path("id");
            runJob(link, second);
            succeed(link, second, file("sales/2026/jan.csv", 11), file("sales/2026/mar.csv", 30));
            given().queryParam("dataSourceId", source).get("/api/v1/catalog/items").then().statusCode(200)
                    .body("items.name", equalTo(List.of("sales/2026/jan.csv", "sales/2026/mar.csv")));
            given().get("/api/v1/catalog/items/" + kept).then().statusCode(200)
                    .body("rowCount", equalTo(11)).body("jobId", equalTo(second));

            String again = given().post("/api/v1/catalog/items/" + kept + "/reimport").then().statusCode(202)
                    .body("kind", equalTo("metadata_import")).extract().path("id");
            JobSpec one = runJob(link, again);
            assertThat(one.getLocation().getPrefix()).as("one object, by its key").isEqualTo("sales/2026/jan.csv");
            succeed(link, again);
        }
        given().get("/api/v1/catalog/items/" + kept).then().statusCode(404)
                .body("message", containsString("Catalog item"));
        given().queryParam("dataSourceId", source).get("/api/v1/catalog/items").then().statusCode(200)
                .body("items.name", equalTo(List.of("sales/2026/mar.csv")));
    }

    @Test
    void anImportThatFinishesLateDoesNotUndoANewerOne() throws Exception {
        String[] edge = EdgeLinkTest.createEdge("catalog-late-edge");
        String source = DataSourceBrowserTest.filesSource("catalog-late-ds", edge[0], "late/");
        String older = importing(Map.of("dataSourceId", source));
        String newer = importing(Map.of("dataSourceId", source));
        try (TestEdge link = TestEdge.connect(channel, edge[1], edge[0])) {
            runJob(link, older);
            runJob(link, newer);
            succeed(link, newer, file("late/a.csv", 2), file("late/b.csv", 3));
            succeed(link, older, file("late/a.csv", 1), file("late/c.csv", 9));
        }
        given().queryParam("dataSourceId", source).get("/api/v1/catalog/items").then().statusCode(200)
                .body("items.name", equalTo(List.of("late/a.csv", "late/b.csv")))
                .body("items[0].rowCount", equalTo(2)).body("items.jobId", equalTo(List.of(newer, newer)));
    }

    @Test
    void aTableSourceImportsItsTableOrAWholeSchema() throws Exception {
        String[] edge = EdgeLinkTest.createEdge("catalog-pg-edge");
        String source = DataSourceBrowserTest.tableSource("catalog-pg-ds", edge[0]);
        String own = importing(Map.of("dataSourceId", source));
        String schema = importing(Map.of("dataSourceId", source, "schema", "archive"));
        try (TestEdge link = TestEdge.connect(channel, edge[1], edge[0])) {
            JobSpec ownSpec = runJob(link, own);
            JobSpec schemaSpec = runJob(link, schema);
            assertThat(ownSpec.getTable().getSchema()).isEqualTo("sales");
            assertThat(ownSpec.getTable().getTable()).isEqualTo("orders");
            assertThat(ownSpec.getTable().getDatabase().getPasswordSecret()).isEqualTo("env:SHOP_DB_PASSWORD");
            assertThat(schemaSpec.getTable().getSchema()).isEqualTo("archive");
            assertThat(schemaSpec.getTable().getTable()).as("the whole schema").isEmpty();
            succeed(link, own, table("sales", "orders", "table", 1200));
            succeed(link, schema, table("archive", "orders_2020", "table", 5), table("archive", "totals", "view", -1));
        }
        given().queryParam("dataSourceId", source).get("/api/v1/catalog/items").then().statusCode(200)
                .body("items.container", equalTo(List.of("archive", "archive", "sales")))
                .body("items.name", equalTo(List.of("orders_2020", "totals", "orders")))
                .body("items[1].kind", equalTo("view"))
                .body("items[2].rowCountKind", equalTo("estimated"));
    }

    @Test
    void badImportsAreRefusedWithWhatToDo() {
        String[] edge = EdgeLinkTest.createEdge("catalog-bad-edge");
        String source = DataSourceBrowserTest.filesSource("catalog-bad-ds", edge[0], "sales/");
        given().contentType(ContentType.JSON).body(Map.of("dataSourceId", source, "prefix", "hr/"))
                .post("/api/v1/catalog/imports").then().statusCode(400)
                .body("error", equalTo("INVALID_ARGUMENT"))
                .body("message", containsString("prefix 'hr/' is outside data source 'catalog-bad-ds'"));
        given().contentType(ContentType.JSON)
                .body(Map.of("dataSourceId", source, "prefix", "sales/a/", "key", "sales/b.csv"))
                .post("/api/v1/catalog/imports").then().statusCode(400)
                .body("message", containsString("prefix and key are both given"));
        given().contentType(ContentType.JSON).body(Map.of("dataSourceId", source, "schema", "public"))
                .post("/api/v1/catalog/imports").then().statusCode(400)
                .body("message", containsString("use prefix or key"));
        given().contentType(ContentType.JSON).body(Map.of("dataSourceId", "00000000-0000-0000-0000-000000000000"))
                .post("/api/v1/catalog/imports").then().statusCode(404).body("message", containsString("Data source"));
        given().queryParam("pageSize", 501).get("/api/v1/catalog/items").then().statusCode(400)
                .body("message", containsString("1 to 500"));
        given().queryParam("page", -1).get("/api/v1/catalog/items").then().statusCode(400)
                .body("message", containsString("negative"));
        given().get("/api/v1/catalog/items/not-an-id").then().statusCode(404);
        given().delete("/api/v1/catalog/items/00000000-0000-0000-0000-000000000000").then().statusCode(404);
        given().post("/api/v1/catalog/items/00000000-0000-0000-0000-000000000000/reimport").then().statusCode(404);
    }

    @Test
    void anItemOutsideItsDataSourcesNewLocationCannotBeReimportedButCanBeDeleted() throws Exception {
        String[] edge = EdgeLinkTest.createEdge("catalog-moved-edge");
        String source = DataSourceBrowserTest.filesSource("catalog-moved-ds", edge[0], "sales/");
        String item = importedItem(adminKey(), channel, edge, source, "sales/q1.csv");
        given().contentType(ContentType.JSON).body(Map.of("bucket", "archive"))
                .patch("/api/v1/data-sources/" + source).then().statusCode(200);
        given().post("/api/v1/catalog/items/" + item + "/reimport").then().statusCode(400)
                .body("message", containsString("now reads bucket 'archive'"))
                .body("message", containsString("delete the item"));
        given().delete("/api/v1/catalog/items/" + item).then().statusCode(204);
        given().get("/api/v1/catalog/items/" + item).then().statusCode(404);
    }

    @Test
    void theCatalogWorksOverGrpc() throws Exception {
        String[] edge = EdgeLinkTest.createEdge("catalog-grpc-edge");
        String source = DataSourceBrowserTest.filesSource("catalog-grpc-ds", edge[0], "in/");
        var catalog = CatalogServiceGrpc.newBlockingStub(api);
        Job job = catalog.importCatalog(ImportCatalogRequest.newBuilder().setDataSourceId(source)
                .setKey("in/one.csv").build());
        assertThat(job.getState()).isEqualTo(JobState.JOB_STATE_QUEUED);
        assertThat(job.getKind()).isEqualTo(JobKind.JOB_KIND_METADATA_IMPORT);
        try (TestEdge link = TestEdge.connect(channel, edge[1], edge[0])) {
            assertThat(runJob(link, job.getId()).getLocation().getPrefix()).isEqualTo("in/one.csv");
            succeed(link, job.getId(), file("in/one.csv", 3));
            ListCatalogItemsResponse listed = catalog.listCatalogItems(ListCatalogItemsRequest.newBuilder()
                    .setDataSourceId(source).setNameContains("ONE").build());
            assertThat(listed.getTotal()).isEqualTo(1);
            CatalogItem item = catalog.getCatalogItem(GetCatalogItemRequest.newBuilder()
                    .setId(listed.getItems(0).getId()).build());
            assertThat(item.getName()).isEqualTo("in/one.csv");
            assertThat(item.getRowCountKind()).isEqualTo(RowCountKind.ROW_COUNT_EXACT);
            assertThat(item.getColumnsList()).extracting(ColumnInfo::getName).containsExactly("id", "email");
            assertThat(item.getJobId()).isEqualTo(job.getId());
            assertThat(item.getImportedMillis()).isPositive();

            Job again = catalog.reimportCatalogItem(ReimportCatalogItemRequest.newBuilder().setId(item.getId())
                    .build());
            assertThat(runJob(link, again.getId()).getLocation().getPrefix()).isEqualTo("in/one.csv");
            catalog.deleteCatalogItem(DeleteCatalogItemRequest.newBuilder().setId(item.getId()).build());
            assertThat(failure(() -> catalog.getCatalogItem(GetCatalogItemRequest.newBuilder()
                    .setId(item.getId()).build())).getCode()).isEqualTo(Status.Code.NOT_FOUND);
        }
        Status outside = failure(() -> catalog.importCatalog(ImportCatalogRequest.newBuilder()
                .setDataSourceId(source).setPrefix("out/").build()));
        assertThat(outside.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(outside.getDescription()).contains("starts with 'in/'");
        assertThat(failure(() -> catalog.listCatalogItems(ListCatalogItemsRequest.newBuilder().setPageSize(1000)
                .build())).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        Status both = failure(() -> catalog.importCatalog(ImportCatalogRequest.newBuilder().setDataSourceId(source)
                .setPrefix("in/a/").setKey("in/b.csv").build()));
        assertThat(both.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(both.getDescription()).contains("prefix and key are both given");
        assertThat(failure(() -> catalog.importCatalog(ImportCatalogRequest.newBuilder().setDataSourceId(source)
                .setSchema("public").build())).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        Status unknownSource = failure(() -> catalog.importCatalog(ImportCatalogRequest.newBuilder()
                .setDataSourceId("00000000-0000-0000-0000-000000000000").build()));
        assertThat(unknownSource.getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(unknownSource.getDescription()).contains("Data source");
        assertThat(failure(() -> catalog.reimportCatalogItem(ReimportCatalogItemRequest.newBuilder()
                .setId("not-an-id").build())).getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(failure(() -> catalog.deleteCatalogItem(DeleteCatalogItemRequest.newBuilder()
                .setId("00000000-0000-0000-0000-000000000000").build())).getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    /**
     * Imports the one object {@code key} of {@code source} as the holder of {@code apiKey}, answering the job over
     * a link of {@code edge} ({id, token}); returns the catalog item's id.
     */
    static String importedItem(String apiKey, Channel channel, String[] edge, String source, String key)
            throws InterruptedException {
        String job = given().header(AUTHORIZATION, bearer(apiKey)).contentType(ContentType.JSON)
                .body(Map.of("dataSourceId", source, "key", key)).post("/api/v1/catalog/imports")
                .then().statusCode(202).extract().path("id");
        try (TestEdge link = TestEdge.connect(channel, edge[1], edge[0])) {
            runJob(link, job);
            succeed(link, job, file(key, 1));
        }
        return given().header(AUTHORIZATION, bearer(apiKey)).queryParam("dataSourceId", source)
                .get("/api/v1/catalog/items").then().statusCode(200).extract().path("items[0].id");
    }

    private static String importing(Map<String, String> scope) {
        return given().contentType(ContentType.JSON).body(scope).post("/api/v1/catalog/imports").then()
                .statusCode(202).extract().path("id");
    }

    /** The spec of job {@code jobId}'s RunJob command, acknowledged. */
    private static JobSpec runJob(TestEdge link, String jobId) throws InterruptedException {
        ControlFrame frame = link.expect(f -> f.hasCommand() && f.getCommand().hasRunJob()
                && f.getCommand().getRunJob().getSpec().getJobId().equals(jobId));
        link.ack(frame.getCommand().getSeq());
        return frame.getCommand().getRunJob().getSpec();
    }

    /**
     * Reports job {@code jobId} succeeded with {@code entries}; returns once control-api has stored it. Other frames
     * arriving meanwhile are skipped: take a job's RunJob command before.
     */
    private static void succeed(TestEdge link, String jobId, CatalogEntry... entries) throws InterruptedException {
        String eventId = "catalog-done-" + jobId;
        link.event(eventId, JobEvent.newBuilder().setJobId(jobId)
                .setSucceeded(JobResult.newBuilder().addAllCatalog(List.of(entries)).setDurationMillis(5)).build());
        link.expect(f -> f.hasEventAck() && f.getEventAck().getEventId().equals(eventId));
    }

    private static CatalogEntry file(String key, long rows) {
        return CatalogEntry.newBuilder().setKind("file").setContainer("data").setName(key)
                .addColumns(ColumnInfo.newBuilder().setName("id").setType("BIGINT"))
                .addColumns(ColumnInfo.newBuilder().setName("email").setType("VARCHAR"))
                .setRowCount(rows).setRowCountKind(RowCountKind.ROW_COUNT_EXACT).setSizeBytes(rows * 100).build();
    }

    private static CatalogEntry table(String schema, String name, String kind, long rows) {
        return CatalogEntry.newBuilder().setKind(kind).setContainer(schema).setName(name)
                .addColumns(ColumnInfo.newBuilder().setName("id").setType("bigint"))
                .setRowCount(rows).setRowCountKind(rows < 0 ? RowCountKind.ROW_COUNT_UNKNOWN
                        : RowCountKind.ROW_COUNT_ESTIMATED).build();
    }
}
