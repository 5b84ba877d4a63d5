package dev.outpost.control;

import static dev.outpost.control.DataSourceShapesTest.ORDERS_DB;
import static dev.outpost.control.DataSourceShapesTest.createEdge;
import static dev.outpost.control.DataSourceShapesTest.createTableSource;
import static dev.outpost.control.RestApiTest.awaitState;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.outpost.proto.api.v1.GetJobRequest;
import dev.outpost.proto.api.v1.Job;
import dev.outpost.proto.api.v1.JobServiceGrpc;
import dev.outpost.proto.api.v1.SubmitJobRequest;
import dev.outpost.proto.edgelink.v1.ControlFrame;
import dev.outpost.proto.job.v1.CheckResult;
import dev.outpost.proto.job.v1.ColumnCounts;
import dev.outpost.proto.job.v1.ColumnInfo;
import dev.outpost.proto.job.v1.DataFormat;
import dev.outpost.proto.job.v1.Dimension;
import dev.outpost.proto.job.v1.JobEvent;
import dev.outpost.proto.job.v1.JobKind;
import dev.outpost.proto.job.v1.JobResult;
import dev.outpost.proto.job.v1.JobSpec;
import io.grpc.Status;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Job submission builds the edge's JobSpec from the data source (files or table), resolves the rule set's reference
 * sources, and takes the kinds check and profile; a profile's counts and a group_by check's group counts are shown.
 */
@QuarkusTest
@TestProfile(ControlApiTestProfile.class)
class JobSourcesTest extends HttpsTest {

    static final String REFERENCE_RULES = """
            checks:
              - name: country-known
                type: reference
                column: country
                reference:
                  source: countries
                  column: code
            """;

    @Test
    void aProfileJobOnATableSendsTheTableAndShowsItsCountsOnly() throws Exception {
        var created = given().contentType(ContentType.JSON).body(Map.of("name", "jobs-profile-edge"))
                .post("/api/v1/edges").then().statusCode(201).extract();
        String edgeId = created.path("edge.id");
        String sourceId = createTableSource("jobs-profile-orders", edgeId, ORDERS_DB, "orders");
        String ruleSetId = createRuleSet("jobs-profile-rules", RestApiTest.RULES);

        submit(Map.of("dataSourceId", sourceId, "kind", "profile", "ruleSetId", ruleSetId))
                .statusCode(400).body("message", containsString("a profile job takes no rule set"));
        submit(Map.of("dataSourceId", sourceId, "kind", "profile", "sampleLimit", 5))
                .statusCode(400).body("message", containsString("keeps no failing rows"));
        submit(Map.of("dataSourceId", sourceId))
                .statusCode(400).body("message", containsString("ruleSetId is missing"))
                .body("message", containsString("kind 'profile'"));
        submit(Map.of("dataSourceId", sourceId, "kind", "metadata_import"))
                .statusCode(400).body("message", containsString("use 'check'"));
        String jobId = submit(Map.of("dataSourceId", sourceId, "kind", "profile"))
                .statusCode(202).body("kind", equalTo("profile")).body("$", not(hasKey("ruleSetId")))
                .extract().path("id");

        try (TestEdge link = TestEdge.connect(channel, created.path("token"), edgeId)) {
            var command = link.expect(ControlFrame::hasCommand).getCommand();
            link.ack(command.getSeq());
            JobSpec spec = command.getRunJob().getSpec();
            assertThat(spec.getJobId()).isEqualTo(jobId);
            assertThat(spec.getKind()).isEqualTo(JobKind.JOB_KIND_PROFILE);
            assertThat(spec.getTable().getDatabase().getJdbcUrl()).isEqualTo(ORDERS_DB);
            assertThat(spec.getTable().getDatabase().getPasswordSecret()).isEqualTo("env:ORDERS_DB_PASSWORD");
            assertThat(spec.getTable().getTable()).isEqualTo("orders");
            assertThat(spec.getRuleSetYaml()).isEmpty();
            link.event("profile-done", JobEvent.newBuilder().setJobId(jobId).setSucceeded(JobResult.newBuilder()
                    .setRowsScanned(1000)
                    .addProfile(counts("id", "bigint", 0, 1000))
                    .addProfile(counts("country", "text", 12, 37))).build());
            awaitState(jobId, "succeeded");
        }
        given().get("/api/v1/jobs/" + jobId).then().statusCode(200)
                .body("result.rowsScanned", equalTo(1000))
                .body("result", not(hasKey("score"))).body("result", not(hasKey("checks")))
                .body("result", not(hasKey("dimensions")))
                .body("result.profile.name", equalTo(List.of("id", "country")))
                .body("result.profile[1].type", equalTo("text"))
                .body("result.profile[1].nulls", equalTo(12))
                .body("result.profile[1].distinct", equalTo(37));
        Job overGrpc = JobServiceGrpc.newBlockingStub(api).getJob(GetJobRequest.newBuilder().setId(jobId).build());
        assertThat(overGrpc.getKind()).isEqualTo(JobKind.JOB_KIND_PROFILE);
        assertThat(overGrpc.getRuleSetId()).isEmpty();
        assertThat(overGrpc.getResult().getProfileList()).containsExactly(counts("id", "bigint", 0, 1000),
                counts("country", "text", 12, 37));
    }

    @Test
    void referencesResolveToDataSourcesOnTheSameEdgeAndAreRecorded() throws Exception {
        var created = given().contentType(ContentType.JSON).body(Map.of("name", "jobs-refs-edge"))
                .post("/api/v1/edges").then().statusCode(201).extract();
        String edgeId = created.path("edge.id");
        String otherEdgeId = createEdge("jobs-refs-other-edge");
        String customersId = createFiles("jobs-refs-customers", edgeId);
        String ruleSetId = createRuleSet("jobs-refs-rules", REFERENCE_RULES);

        submit(Map.of("dataSourceId", customersId, "ruleSetId", ruleSetId)).statusCode(400)
                .body("message", containsString("check 'country-known'"))
                .body("message", containsString("reads data source 'countries', but no data source has that name"))
                .body("message", containsString("Data sources on the job's edge: jobs-refs-customers."));
        String elsewhere = createFiles("countries", otherEdgeId);
        submit(Map.of("dataSourceId", customersId, "ruleSetId", ruleSetId)).statusCode(400)
                .body("message", containsString("that data source is read by another edge (" + otherEdgeId + ")"));
        given().delete("/api/v1/data-sources/" + elsewhere).then().statusCode(204);
        String countriesId = createFiles("countries", edgeId);
        String jobId = submit(Map.of("dataSourceId", customersId, "ruleSetId", ruleSetId)).statusCode(202)
                .body("kind", equalTo("check")).body("references.countries", equalTo(countriesId))
                .extract().path("id");
        given().delete("/api/v1/data-sources/" + countriesId).then().statusCode(409)
                .body("message", containsString("reads it as a reference")).body("message", containsString(jobId));

        try (TestEdge link = TestEdge.connect(channel, created.path("token"), edgeId)) {
            var command = link.expect(ControlFrame::hasCommand).getCommand();
            link.ack(command.getSeq());
            JobSpec spec = command.getRunJob().getSpec();
            assertThat(spec.getKind()).isEqualTo(JobKind.JOB_KIND_CHECK);
            assertThat(spec.getLocation().getFormat()).isEqualTo(DataFormat.DATA_FORMAT_PARQUET);
            assertThat(spec.getReferencesMap()).containsOnlyKeys("countries");
            assertThat(spec.getReferencesOrThrow("countries").getFiles().getPrefix()).isEqualTo("countries/");
            link.event("refs-done", JobEvent.newBuilder().setJobId(jobId).setSucceeded(JobResult.newBuilder()
                    .setRowsScanned(10).addChecks(CheckResult.newBuilder().setName("country-known")
                            .setType("reference").setDimension(Dimension.DIMENSION_CONSISTENCY).setRowsChecked(10)
                            .setGroups(5).setGroupsFailed(2))).build());
            awaitState(jobId, "succeeded");
        }
        given().get("/api/v1/jobs/" + jobId).then().statusCode(200)
                .body("references.countries", equalTo(countriesId))
                .body("result.checks[0].groups.total", equalTo(5))
                .body("result.checks[0].groups.failed", equalTo(2))
                .body("result", not(hasKey("profile")));
        Job overGrpc = JobServiceGrpc.newBlockingStub(api).getJob(GetJobRequest.newBuilder().setId(jobId).build());
        assertThat(overGrpc.getReferenceDataSourceIdsMap()).containsExactly(Map.entry("countries", countriesId));
        assertThat(overGrpc.getResult().getChecks(0).getGroups()).isEqualTo(5);
        assertThat(overGrpc.getResult().getChecks(0).getGroupsFailed()).isEqualTo(2);
        given().delete("/api/v1/data-sources/" + countriesId).then().statusCode(204);
        given().get("/api/v1/jobs/" + jobId).then().statusCode(200).body("references.countries", equalTo(countriesId));
    }

    @Test
    void aTableJobReferencesOnlyTablesOfItsOwnDatabase() {
        String edgeId = createEdge("jobs-db-edge");
        String ordersId = createTableSource("jobs-db-orders", edgeId, ORDERS_DB, "orders");
        String rules = REFERENCE_RULES.replace("countries", "jobs-db-countries");
        String ruleSetId = createRuleSet("jobs-db-rules", rules);

        String countriesId = createFiles("jobs-db-countries", edgeId);
        submit(Map.of("dataSourceId", ordersId, "ruleSetId", ruleSetId)).statusCode(400)
                .body("message", containsString("check 'country-known' reads data source 'jobs-db-countries'"))
                .body("message", containsString("is files in S3"))
                .body("message", containsString("tables in the same database"));
        given().delete("/api/v1/data-sources/" + countriesId).then().statusCode(204);

        countriesId = createTableSource("jobs-db-countries", edgeId, "jdbc:postgresql://other-db:5432/ref", "c");
        submit(Map.of("dataSourceId", ordersId, "ruleSetId", ruleSetId)).statusCode(400)
                .body("message", containsString("a table in another database (jdbc:postgresql://other-db:5432/ref)"));
        given().delete("/api/v1/data-sources/" + countriesId).then().statusCode(204);

        countriesId = createTableSource("jobs-db-countries", edgeId, ORDERS_DB, "countries");
        submit(Map.of("dataSourceId", ordersId, "ruleSetId", ruleSetId)).statusCode(202)
                .body("references.jobs-db-countries", equalTo(countriesId));

        String filesId = createFiles("jobs-db-files", edgeId);
        submit(Map.of("dataSourceId", filesId, "ruleSetId", ruleSetId)).statusCode(400)
                .body("message", containsString("is a PostgreSQL table, and a check on files"));
    }

    @Test
    void kindsOverGrpc() {
        String edgeId = createEdge("jobs-grpc-edge");
        String sourceId = createFiles("jobs-grpc-files", edgeId);
        String ruleSetId = createRuleSet("jobs-grpc-rules", RestApiTest.RULES);
        var jobs = JobServiceGrpc.newBlockingStub(api);
        Job profile = jobs.submitJob(SubmitJobRequest.newBuilder().setDataSourceId(sourceId)
                .setKind(JobKind.JOB_KIND_PROFILE).build());
        assertThat(profile.getKind()).isEqualTo(JobKind.JOB_KIND_PROFILE);
        assertThat(profile.getRuleSetVersion()).isZero();
        Job check = jobs.submitJob(SubmitJobRequest.newBuilder().setDataSourceId(sourceId).setRuleSetId(ruleSetId)
                .build());
        assertThat(check.getKind()).isEqualTo(JobKind.JOB_KIND_CHECK);
        assertThat(check.getRuleSetVersion()).isEqualTo(1);
        Status refused = failure(() -> jobs.submitJob(SubmitJobRequest.newBuilder().setDataSourceId(sourceId)
                .setRuleSetId(ruleSetId).setKind(JobKind.JOB_KIND_PROFILE).build()));
        assertThat(refused.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(refused.getDescription()).contains("a profile job takes no rule set");
        assertThat(failure(() -> jobs.submitJob(SubmitJobRequest.newBuilder().setDataSourceId(sourceId)
                .setKind(JobKind.JOB_KIND_METADATA_IMPORT).build())).getCode())
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    static ColumnCounts counts(String name, String type, long nulls, long distinct) {
        return ColumnCounts.newBuilder().setColumn(ColumnInfo.newBuilder().setName(name).setType(type))
                .setNulls(nulls).setDistinct(distinct).build();
    }

    private static io.restassured.response.ValidatableResponse submit(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/jobs").then();
    }

    private static String createFiles(String name, String edgeId) {
        return given().contentType(ContentType.JSON).body(Map.of("name", name, "edgeId", edgeId, "bucket", "data",
                        "prefix", name.replace("jobs-refs-", "") + "/", "format", "parquet"))
                .post("/api/v1/data-sources").then().statusCode(201).extract().path("id");
    }

    private static String createRuleSet(String name, String yaml) {
        return given().contentType(ContentType.JSON).body(Map.of("name", name, "yaml", yaml))
                .post("/api/v1/rule-sets").then().statusCode(201).extract().path("id");
    }

}
