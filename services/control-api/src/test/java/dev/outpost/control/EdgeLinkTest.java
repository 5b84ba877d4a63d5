package dev.outpost.control;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import dev.outpost.proto.edgelink.v1.ControlFrame;
import dev.outpost.proto.job.v1.CheckResult;
import dev.outpost.proto.job.v1.CheckSeverity;
import dev.outpost.proto.job.v1.Dimension;
import dev.outpost.proto.job.v1.DimensionScore;
import dev.outpost.proto.job.v1.JobEvent;
import dev.outpost.proto.job.v1.JobResult;
import dev.outpost.proto.job.v1.JobStarted;
import io.grpc.Status;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

@QuarkusTest
@TestProfile(ControlApiTestProfile.class)
class EdgeLinkTest extends HttpsTest {

    @Inject
    EntityManager db;

    @Test
    void anUnknownTokenIsRefused() throws Exception {
        String edgeId = createEdge("refused-edge")[0];
        try (TestEdge edge = TestEdge.connect(channel, "opt_not-the-token", edgeId)) {
            assertThat(edge.closedStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        }
        given().get("/api/v1/edges/" + edgeId).then().body("status", equalTo("disconnected"));
    }

    @Test
    void aJobTravelsToTheEdgeAndItsEventsComeBackOnce() throws Exception {
        String[] edge = createEdge("job-edge");
        String jobId = submitJob(edge[0], "job");
        try (TestEdge link = TestEdge.connect(channel, edge[1], edge[0])) {
            link.expect(ControlFrame::hasWelcome);
            awaitEdgeStatus(edge[0], "connected");

            ControlFrame command = link.expect(ControlFrame::hasCommand);
            assertThat(command.getCommand().getRunJob().getSpec().getJobId()).isEqualTo(jobId);
            link.ack(command.getCommand().getSeq());

            link.event("e-started-" + jobId, JobEvent.newBuilder().setJobId(jobId)
                    .setStarted(JobStarted.newBuilder().setRunner("pid 1")).build());
            link.expect(f -> f.hasEventAck() && f.getEventAck().getEventId().equals("e-started-" + jobId));
            given().get("/api/v1/jobs/" + jobId).then().body("state", equalTo("running"));

            JobEvent succeeded = JobEvent.newBuilder().setJobId(jobId).setSucceeded(JobResult.newBuilder()
                    .setRowsScanned(10)
                    .setScore(0.85)
                    .setChecksWarned(1)
                    .addChecks(CheckResult.newBuilder().setName("id-present").setType("not_null")
                            .setDimension(Dimension.DIMENSION_COMPLETENESS).setRowsChecked(10).setRowsFailed(3)
                            .setScore(0.7).setSamplesStored(3).setSeverity(CheckSeverity.CHECK_SEVERITY_WARN)
                            .setWarned(true))
                    .addChecks(CheckResult.newBuilder().setName("id-unique").setType("unique")
                            .setDimension(Dimension.DIMENSION_UNIQUENESS).setRowsChecked(10).setPassed(true)
                            .setScore(1.0))
                    .addDimensions(DimensionScore.newBuilder().setDimension(Dimension.DIMENSION_COMPLETENESS)
                            .setScore(0.7))
                    .addDimensions(DimensionScore.newBuilder().setDimension(Dimension.DIMENSION_UNIQUENESS)
                            .setScore(1.0)))
                    .build();
            for (int delivery = 0; delivery < 2; delivery++) {
                link.event("e-done-" + jobId, succeeded);
                link.expect(f -> f.hasEventAck() && f.getEventAck().getEventId().equals("e-done-" + jobId));
            }
            given().get("/api/v1/jobs/" + jobId).then()
                    .body("state", equalTo("succeeded"))
                    .body("result.rowsScanned", equalTo(10))
                    .body("result.checks.size()", equalTo(2))
                    .body("result.checks[0].rowsFailed", equalTo(3))
                    .body("result.checks[0].passed", equalTo(false))
                    .body("result.checks[0].severity", equalTo("warn"))
                    .body("result.checks[0].warned", equalTo(true))
                    .body("result.checks[1].severity", equalTo("fail"))
                    .body("result.checksFailed", equalTo(0))
                    .body("result.checksWarned", equalTo(1))
                    .body("result.dimensions.uniqueness", equalTo(1.0f))
                    .body("result.score", equalTo(0.85f));
            long rows = ((Number) db.createNativeQuery("select count(*) from job_check_result where job_id = :id")
                    .setParameter("id", UUID.fromString(jobId)).getSingleResult()).longValue();
            assertThat(rows).as("a redelivered event is applied once").isEqualTo(2);
        }
        awaitEdgeStatus(edge[0], "disconnected");
    }

    @Test
    void unacknowledgedCommandsAreSentAgainOnTheNextLink() throws Exception {
        String[] edge = createEdge("resend-edge");
        String jobId = submitJob(edge[0], "resend");
        long seq;
        try (TestEdge first = TestEdge.connect(channel, edge[1], edge[0])) {
            seq = first.expect(ControlFrame::hasCommand).getCommand().getSeq();
        }
        try (TestEdge second = TestEdge.connect(channel, edge[1], edge[0])) {
            ControlFrame again = second.expect(ControlFrame::hasCommand);
            assertThat(again.getCommand().getSeq()).isEqualTo(seq);
            assertThat(again.getCommand().getRunJob().getSpec().getJobId()).isEqualTo(jobId);
            second.ack(seq);
            // Acknowledgements are applied asynchronously; a link opened before this one is recorded would get the
            // command again, which the protocol allows (at least once). Here we test the resume point itself.
            awaitAcknowledged(edge[0], seq);
        }
        try (TestEdge third = TestEdge.connect(channel, edge[1], edge[0])) {
            third.expect(ControlFrame::hasWelcome);
            String laterJob = submitJob(edge[0], "resend-later");
            ControlFrame next = third.expect(ControlFrame::hasCommand);
            assertThat(next.getCommand().getRunJob().getSpec().getJobId())
                    .as("the acknowledged command is not sent again").isEqualTo(laterJob);
            assertThat(next.getCommand().getSeq()).isEqualTo(seq + 1);
        }
    }

    /** Returns {id, token}. */
    static String[] createEdge(String name) {
        var response = given().contentType(ContentType.JSON).body(Map.of("name", name)).post("/api/v1/edges")
                .then().statusCode(201).extract();
        return new String[] {response.path("edge.id"), response.path("token")};
    }

    static String submitJob(String edgeId, String name) {
        String sourceId = given().contentType(ContentType.JSON)
                .body(Map.of("name", name + "-ds", "edgeId", edgeId, "bucket", "data", "prefix", "in/",
                        "format", "csv"))
                .post("/api/v1/data-sources").then().statusCode(201).extract().path("id");
        String ruleSetId = given().contentType(ContentType.JSON)
                .body(Map.of("name", name + "-rules", "yaml", RestApiTest.RULES))
                .post("/api/v1/rule-sets").then().statusCode(201).extract().path("id");
        return given().contentType(ContentType.JSON).body(Map.of("dataSourceId", sourceId, "ruleSetId", ruleSetId))
                .post("/api/v1/jobs").then().statusCode(202).extract().path("id");
    }

    private void awaitAcknowledged(String edgeId, long seq) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            Number acked = (Number) db.createNativeQuery(
                    "select count(*) from edge_command where edge_id = :edge and seq = :seq and acked_at is not null")
                    .setParameter("edge", UUID.fromString(edgeId)).setParameter("seq", seq).getSingleResult();
            if (acked.longValue() == 1) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("command " + seq + " of edge " + edgeId + " not acknowledged within 10 s");
    }

    static void awaitEdgeStatus(String edgeId, String status) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        String seen = null;
        while (Instant.now().isBefore(deadline)) {
            seen = given().get("/api/v1/edges/" + edgeId).then().extract().path("status");
            if (status.equals(seen)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("edge " + edgeId + " stayed " + seen + ", expected " + status);
    }
}
