package dev.outpost.control;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import dev.outpost.control.auth.Caller;
import dev.outpost.control.auth.Role;
import dev.outpost.control.datasource.DataSource;
import dev.outpost.control.datasource.DataSourceService;
import dev.outpost.proto.edgelink.v1.ControlFrame;
import dev.outpost.proto.job.v1.JobEvent;
import dev.outpost.proto.job.v1.JobFailure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

@QuarkusTest
@TestProfile(ControlApiTestProfile.class)
class RestApiTest extends HttpsTest {

    static final String RULES = """
            checks:
              - name: id-present
                type: not_null
                column: id
              - name: id-unique
                type: unique
                columns: [id]
            """;

    @Inject
    EntityManager db;

    @Inject
    DataSourceService dataSources;

    @Test
    void edgeTokenIsShownOnceAndStoredOnlyAsAHash() {
        String token = given().contentType(ContentType.JSON).body(Map.of("name", "token-edge"))
                .post("/api/v1/edges")
                .then().statusCode(201)
                .body("edge.name", equalTo("token-edge"))
                .body("edge.status", equalTo("disconnected"))
                .extract().path("token");
        assertThat(token).startsWith("opt_").hasSizeGreaterThan(40);

        String id = given().get("/api/v1/edges").then().statusCode(200)
                .extract().path("find { it.name == 'token-edge' }.id");
        given().get("/api/v1/edges/" + id).then().statusCode(200)
                .body("status", equalTo("disconnected"))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("token")));

        List<?> hashes = db.createNativeQuery("select token_hash from edge where name = 'token-edge'").getResultList();
        assertThat(hashes).hasSize(1);
        assertThat(hashes.get(0).toString()).isNotEqualTo(token).hasSize(64);
        long rowsWithToken = ((Number) db.createNativeQuery(
                "select count(*) from edge where cast(edge.* as text) like :t")
                .setParameter("t", "%" + token + "%").getSingleResult()).longValue();
        assertThat(rowsWithToken).isZero();
    }

    @Test
    void badNamesAndDuplicatesAreRefusedWithActionableErrors() {
        given().contentType(ContentType.JSON).body(Map.of("name", "Not OK!"))
                .post("/api/v1/edges")
                .then().statusCode(400)
                .body("error", equalTo("INVALID_ARGUMENT"))
                .body("message", containsString("a-z, 0-9 and '-'"));
        given().contentType(ContentType.JSON).body(Map.of("name", "twice")).post("/api/v1/edges")
                .then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("name", "twice")).post("/api/v1/edges")
                .then().statusCode(409).body("error", equalTo("ALREADY_EXISTS"));
        given().get("/api/v1/edges/not-a-uuid").then().statusCode(404).body("error", equalTo("NOT_FOUND"));
    }

    @Test
    void aParameterThatIsNotANumberIsABadRequestNotAMissingResource() {
        given().queryParam("limit", "ten").get("/api/v1/jobs").then().statusCode(400)
                .body("error", equalTo("INVALID_ARGUMENT"))
                .body("message", containsString("\"ten\""))
                .body("message", containsString("whole numbers"));
        given().get("/api/v1/no-such-collection").then().statusCode(404);
    }

    @Test
    void ruleSetErrorsCarryLineAndColumn() {
        String broken = """
                checks:
                  - name: a
                    type: not_null
                    colum: id
                """;
        given().contentType(ContentType.JSON).body(Map.of("name", "broken", "yaml", broken))
                .post("/api/v1/rule-sets")
                .then().statusCode(400)
                .body("error", equalTo("INVALID_ARGUMENT"))
                .body("problems.find { it.message.contains('did you mean') }.line", equalTo(4))
                .body("problems.find { it.message.contains('did you mean') }.column", equalTo(5))
                .body("problems.find { it.message.contains('did you mean') }.message", containsString("did you mean 'column'"));
    }

    @Test
    void dataSourcesAndJobsValidateTheirReferences() {
        String edgeId = given().contentType(ContentType.JSON).body(Map.of("name", "refs-edge"))
                .post("/api/v1/edges").then().statusCode(201).extract().path("edge.id");
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "refs-ds", "edgeId", edgeId, "bucket", "data", "prefix", "x/", "format", "xlsx"))
                .post("/api/v1/data-sources")
                .then().statusCode(400).body("message", containsString("'csv'"));
        String sourceId = given().contentType(ContentType.JSON)
                .body(Map.of("name", "refs-ds", "edgeId", edgeId, "bucket", "data", "prefix", "x/", "format", "CSV"))
                .post("/api/v1/data-sources")
                .then().statusCode(201).body("format", equalTo("csv")).extract().path("id");
        String ruleSetId = given().contentType(ContentType.JSON).body(Map.of("name", "refs-rules", "yaml", RULES))
                .post("/api/v1/rule-sets")
                .then().statusCode(201).body("checkNames", equalTo(List.of("id-present", "id-unique")))
                .extract().path("id");

        given().contentType(ContentType.JSON)
                .body(Map.of("dataSourceId", sourceId, "ruleSetId", "00000000-0000-0000-0000-000000000000"))
                .post("/api/v1/jobs")
                .then().statusCode(404).body("message", containsString("Rule set"));
        given().contentType(ContentType.JSON)
                .body(Map.of("dataSourceId", sourceId, "ruleSetId", ruleSetId, "sampleLimit", 5000))
                .post("/api/v1/jobs")
                .then().statusCode(400).body("message", containsString("0 to 1000"));
        given().contentType(ContentType.JSON).body(Map.of("dataSourceId", sourceId, "ruleSetId", ruleSetId))
                .post("/api/v1/jobs")
                .then().statusCode(202).body("state", equalTo("queued"));
    }

    @Test
    void aDataSourceChangesItsLocationButKeepsItsEdge() {
        String edgeId = given().contentType(ContentType.JSON).body(Map.of("name", "change-edge"))
                .post("/api/v1/edges").then().statusCode(201).extract().path("edge.id");
        String otherEdgeId = given().contentType(ContentType.JSON).body(Map.of("name", "change-other-edge"))
                .post("/api/v1/edges").then().statusCode(201).extract().path("edge.id");
        String sourceId = createDataSource("change-ds", edgeId);
        createDataSource("change-taken", edgeId);

        given().contentType(ContentType.JSON).body(Map.of("prefix", "", "format", "PARQUET"))
                .patch("/api/v1/data-sources/" + sourceId)
                .then().statusCode(200)
                .body("name", equalTo("change-ds")).body("bucket", equalTo("data")).body("prefix", equalTo(""))
                .body("format", equalTo("parquet")).body("edgeId", equalTo(edgeId))
                .body("updatedAt", notNullValue());
        given().contentType(ContentType.JSON).body(Map.of("edgeId", otherEdgeId, "prefix", "moved/"))
                .patch("/api/v1/data-sources/" + sourceId)
                .then().statusCode(400).body("error", equalTo("INVALID_ARGUMENT"))
                .body("message", containsString("edgeId cannot change"))
                .body("message", containsString("register a new data source"));
        given().contentType(ContentType.JSON).body(Map.of("name", "change-taken"))
                .patch("/api/v1/data-sources/" + sourceId)
                .then().statusCode(409).body("error", equalTo("ALREADY_EXISTS"));
        given().contentType(ContentType.JSON).body(Map.of("bucket", "No_Bucket"))
                .patch("/api/v1/data-sources/" + sourceId)
                .then().statusCode(400).body("message", containsString("not a valid S3 bucket"));
        String updatedAt = given().get("/api/v1/data-sources/" + sourceId).then().statusCode(200)
                .body("prefix", equalTo("")).body("bucket", equalTo("data")).body("name", equalTo("change-ds"))
                .extract().path("updatedAt");
        given().contentType(ContentType.JSON).body(Map.of("prefix", "")).patch("/api/v1/data-sources/" + sourceId)
                .then().statusCode(200).body("updatedAt", equalTo(updatedAt));
        given().contentType(ContentType.JSON).body(Map.of("name", "change-renamed", "edgeId", edgeId))
                .patch("/api/v1/data-sources/" + sourceId)
                .then().statusCode(200).body("name", equalTo("change-renamed"));
    }

    @Test
    void replacingARuleSetMakesANewVersionAndJobsKeepTheOneTheyRanWith() {
        String edgeId = given().contentType(ContentType.JSON).body(Map.of("name", "version-edge"))
                .post("/api/v1/edges").then().statusCode(201).extract().path("edge.id");
        String sourceId = createDataSource("version-ds", edgeId);
        String ruleSetId = given().contentType(ContentType.JSON).body(Map.of("name", "version-rules", "yaml", RULES))
                .post("/api/v1/rule-sets").then().statusCode(201).body("version", equalTo(1)).extract().path("id");
        String firstJob = submitJob(sourceId, ruleSetId);

        given().contentType(ContentType.JSON)
                .body(Map.of("yaml", "checks:\n  - name: a\n    type: not_null\n    colum: id\n"))
                .put("/api/v1/rule-sets/" + ruleSetId)
                .then().statusCode(400).body("error", equalTo("INVALID_ARGUMENT"))
                .body("problems.find { it.message.contains('did you mean') }.line", equalTo(4))
                .body("problems.find { it.message.contains('did you mean') }.column", equalTo(5));
        given().get("/api/v1/rule-sets/" + ruleSetId).then().statusCode(200)
                .body("version", equalTo(1)).body("yaml", equalTo(RULES));
        String replacement = """
                checks:
                  - name: id-present
                    type: not_null
                    column: id
                """;
        given().contentType(ContentType.JSON).body(Map.of("yaml", replacement)).put("/api/v1/rule-sets/" + ruleSetId)
                .then().statusCode(200).body("version", equalTo(2)).body("yaml", equalTo(replacement))
                .body("checkNames", equalTo(List.of("id-present"))).body("updatedAt", notNullValue());
        given().contentType(ContentType.JSON).body(Map.of("yaml", replacement)).put("/api/v1/rule-sets/" + ruleSetId)
                .then().statusCode(200).body("version", equalTo(2));

        given().get("/api/v1/jobs/" + firstJob).then().statusCode(200)
                .body("ruleSetId", equalTo(ruleSetId)).body("ruleSetVersion", equalTo(1))
                .body("ruleSetYaml", equalTo(RULES));
        String secondJob = submitJob(sourceId, ruleSetId);
        given().get("/api/v1/jobs/" + secondJob).then().statusCode(200)
                .body("ruleSetVersion", equalTo(2)).body("ruleSetYaml", equalTo(replacement));
    }

    @Test
    void deletionWaitsForUnfinishedJobsAndFinishedJobsOutliveIt() throws Exception {
        var created = given().contentType(ContentType.JSON).body(Map.of("name", "delete-edge"))
                .post("/api/v1/edges").then().statusCode(201).extract();
        String edgeId = created.path("edge.id");
        String sourceId = createDataSource("delete-ds", edgeId);
        String ruleSetId = given().contentType(ContentType.JSON).body(Map.of("name", "delete-rules", "yaml", RULES))
                .post("/api/v1/rule-sets").then().statusCode(201).extract().path("id");
        String jobId = submitJob(sourceId, ruleSetId);

        given().delete("/api/v1/data-sources/" + sourceId).then().statusCode(409)
                .body("error", equalTo("FAILED_PRECONDITION"))
                .body("message", containsString("Data source 'delete-ds' cannot be deleted while a job"))
                .body("message", containsString(jobId));
        given().delete("/api/v1/rule-sets/" + ruleSetId).then().statusCode(409)
                .body("message", containsString("Rule set 'delete-rules'")).body("message", containsString(jobId));

        try (TestEdge link = TestEdge.connect(channel, created.path("token"), edgeId)) {
            link.ack(link.expect(ControlFrame::hasCommand).getCommand().getSeq());
            link.event("delete-failed", JobEvent.newBuilder().setJobId(jobId)
                    .setFailed(JobFailure.newBuilder().setCode("DATA_NOT_FOUND").setReason("no objects under x/"))
                    .build());
            awaitState(jobId, "failed");
        }

        given().delete("/api/v1/data-sources/" + sourceId).then().statusCode(204);
        given().delete("/api/v1/rule-sets/" + ruleSetId).then().statusCode(204);
        given().get("/api/v1/data-sources/" + sourceId).then().statusCode(404).body("error", equalTo("NOT_FOUND"));
        given().get("/api/v1/rule-sets/" + ruleSetId).then().statusCode(404);
        given().delete("/api/v1/rule-sets/" + ruleSetId).then().statusCode(404);
        assertThat(given().get("/api/v1/data-sources").then().statusCode(200).extract().asString())
                .doesNotContain(sourceId);
        assertThat(given().get("/api/v1/rule-sets").then().statusCode(200).extract().asString())
                .doesNotContain(ruleSetId);
        given().get("/api/v1/jobs/" + jobId).then().statusCode(200)
                .body("state", equalTo("failed")).body("dataSourceId", equalTo(sourceId))
                .body("ruleSetId", equalTo(ruleSetId)).body("ruleSetYaml", equalTo(RULES));
        given().contentType(ContentType.JSON).body(Map.of("dataSourceId", sourceId, "ruleSetId", ruleSetId))
                .post("/api/v1/jobs").then().statusCode(404).body("message", containsString("Data source"));
        assertThat(createDataSource("delete-ds", edgeId)).as("the name is free again").isNotEqualTo(sourceId);
    }

    @Test
    void aJobSubmittedWhileItsDataSourceIsBeingDeletedIsRefused() throws Exception {
        String edgeId = given().contentType(ContentType.JSON).body(Map.of("name", "race-edge"))
                .post("/api/v1/edges").then().statusCode(201).extract().path("edge.id");
        String sourceId = createDataSource("race-ds", edgeId);
        String ruleSetId = given().contentType(ContentType.JSON).body(Map.of("name", "race-rules", "yaml", RULES))
                .post("/api/v1/rule-sets").then().statusCode(201).extract().path("id");
        ExecutorService submitter = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> submitted = QuarkusTransaction.requiringNew().call(() -> {
                DataSource source = db.find(DataSource.class, UUID.fromString(sourceId));
                dataSources.delete(new Caller(source.organisationId, null, Role.EDITOR), sourceId);
                // The deletion has not committed yet; a submission now has to wait for it.
                Future<Integer> answer = submitter.submit(() -> given().contentType(ContentType.JSON)
                        .body(Map.of("dataSourceId", sourceId, "ruleSetId", ruleSetId)).post("/api/v1/jobs")
                        .statusCode());
                awaitLockWaiter();
                return answer;
            });
            assertThat(submitted.get(10, TimeUnit.SECONDS)).as("the submission after the deletion").isEqualTo(404);
        } finally {
            submitter.shutdownNow();
        }
        assertThat(((Number) db.createNativeQuery("select count(*) from job where data_source_id = :id")
                .setParameter("id", UUID.fromString(sourceId)).getSingleResult()).longValue()).isZero();
    }

    /** Polls until a session of this database waits for a row lock; fails after a deadline. */
    private void awaitLockWaiter() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            long waiting = ((Number) db.createNativeQuery("select count(*) from pg_stat_activity "
                    + "where datname = current_database() and wait_event_type = 'Lock'").getSingleResult()).longValue();
            if (waiting > 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no submission waited for the deleted data source's row lock within 10 s");
    }

    private static String createDataSource(String name, String edgeId) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("name", name, "edgeId", edgeId, "bucket", "data", "prefix", "x/", "format", "csv"))
                .post("/api/v1/data-sources").then().statusCode(201).extract().path("id");
    }

    private static String submitJob(String sourceId, String ruleSetId) {
        return given().contentType(ContentType.JSON).body(Map.of("dataSourceId", sourceId, "ruleSetId", ruleSetId))
                .post("/api/v1/jobs").then().statusCode(202).extract().path("id");
    }

    /** Polls the job until it is in {@code state}; fails after a deadline. */
    static void awaitState(String jobId, String state) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        String seen = null;
        while (Instant.now().isBefore(deadline)) {
            seen = given().get("/api/v1/jobs/" + jobId).then().statusCode(200).extract().path("state");
            if (state.equals(seen)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job " + jobId + " is " + seen + ", not " + state + ", after 10 s");
    }

    @Test
    void openApiDocumentDescribesTheApi() {
        given().accept("application/json").get("/q/openapi")
                .then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/jobs/{id}/checks/{check}/failing-rows"));
    }
}
