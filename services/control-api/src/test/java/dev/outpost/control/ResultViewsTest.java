package dev.outpost.control;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

import dev.outpost.proto.api.v1.FailingRowsPage;
import dev.outpost.proto.api.v1.GetFailingRowsRequest;
import dev.outpost.proto.api.v1.GetProfileRequest;
import dev.outpost.proto.api.v1.JobServiceGrpc;
import dev.outpost.proto.edgelink.v1.ControlFrame;
import dev.outpost.proto.edgelink.v1.EdgeEvent;
import dev.outpost.proto.edgelink.v1.EdgeFrame;
import dev.outpost.proto.interactive.v1.FilterOperator;
import dev.outpost.proto.interactive.v1.InteractiveError;
import dev.outpost.proto.interactive.v1.InteractiveReply;
import dev.outpost.proto.interactive.v1.InteractiveRequest;
import dev.outpost.proto.interactive.v1.PresignedPage;
import dev.outpost.proto.interactive.v1.ReadFailingGroupsReply;
import dev.outpost.proto.interactive.v1.ReadFailingRowsReply;
import dev.outpost.proto.interactive.v1.ReadProfileReply;
import dev.outpost.proto.interactive.v1.Row;
import dev.outpost.proto.interactive.v1.RowFilter;
import dev.outpost.proto.interactive.v1.SortKey;
import dev.outpost.proto.interactive.v1.TransientView;
import dev.outpost.proto.job.v1.CheckResult;
import dev.outpost.proto.job.v1.JobEvent;
import dev.outpost.proto.job.v1.JobResult;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Failing-row pages (filters, sort, pre-signed), failing groups and profiles through control-api's REST and gRPC APIs, with the edge
 * played over a real link: what the edge is asked, and what the person gets back.
 */
@QuarkusTest
@TestProfile(ControlApiTestProfile.class)
class ResultViewsTest extends HttpsTest {

    @Inject
    EntityManager db;

    @Test
    void failingRowsAreFilteredSortedAndPresignedOnTheEdgeAndBadQueriesAreRefusedHere() throws Exception {
        Job job = succeededCheckJob("views-rows");
        String rows = "/api/v1/jobs/" + job.id() + "/checks/id-present/failing-rows";

        given().queryParam("filter", "email").get(rows).then().statusCode(400)
                .body("message", containsString("column:operator[:value]"));
        given().queryParam("filter", "email:like:x").get(rows).then().statusCode(400)
                .body("message", containsString("operator 'like'"));
        given().queryParam("filter", "email:contains").get(rows).then().statusCode(400)
                .body("message", containsString("needs a value"));
        given().queryParam("filter", "email:is_null:secret-value").get(rows).then().statusCode(400)
                .body("message", containsString("takes no value"))
                .body("message", not(containsString("secret-value")));
        given().queryParam("presigned", "yes").get(rows).then().statusCode(400)
                .body("message", containsString("use true or false"));

        try (TestEdge link = link(job)) {
            var presigned = ask(() -> given().queryParam("filter", "email:contains:a:b")
                    .queryParam("filter", "id:is_not_null").queryParam("sort", "-id").queryParam("sort", "email")
                    .queryParam("presigned", "true").queryParam("pageSize", "2").get(rows).then().extract());
            InteractiveRequest request = link.expect(f -> f.hasCommand() && f.getCommand().hasInteractive())
                    .getCommand().getInteractive();
            assertThat(request.getReadFailingRows().getFiltersList()).containsExactly(
                    RowFilter.newBuilder().setColumn("email").setOperator(FilterOperator.FILTER_OPERATOR_CONTAINS)
                            .setValue("a:b").build(),
                    RowFilter.newBuilder().setColumn("id").setOperator(FilterOperator.FILTER_OPERATOR_IS_NOT_NULL)
                            .build());
            assertThat(request.getReadFailingRows().getSortList()).containsExactly(
                    SortKey.newBuilder().setColumn("id").setDescending(true).build(),
                    SortKey.newBuilder().setColumn("email").build());
            assertThat(request.getReadFailingRows().getPresigned()).isTrue();
            assertThat(request.getReadFailingRows().getPageSize()).isEqualTo(2);
            reply(link, InteractiveReply.newBuilder().setRequestId(request.getRequestId())
                    .setReadFailingRows(ReadFailingRowsReply.newBuilder().setTotalRows(3).setMatchingRows(2)
                            .setView(TransientView.newBuilder().addColumns("id").addColumns("email"))
                            .setPresigned(PresignedPage.newBuilder().setUrl("https://results.example/p.json?sig=1")
                                    .setExpiresAtMillis(1_800_000_000_000L).setContentType("application/json")
                                    .setRows(2))));

            var answer = presigned.get(10, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
            assertThat(answer.<List<?>>path("rows")).as("a pre-signed page carries no rows").isEmpty();
            assertThat(answer.<Integer>path("matchingRows")).isEqualTo(2);
            assertThat(answer.<String>path("presigned.url")).isEqualTo("https://results.example/p.json?sig=1");
            assertThat(answer.<String>path("presigned.expiresAt")).isEqualTo("2027-01-15T08:00:00Z");
            assertThat(answer.<Integer>path("presigned.rows")).isEqualTo(2);

            var unknownColumn = ask(() -> given().queryParam("sort", "mail").get(rows).then().extract());
            InteractiveRequest second = link.expect(f -> f.hasCommand() && f.getCommand().hasInteractive())
                    .getCommand().getInteractive();
            reply(link, InteractiveReply.newBuilder().setRequestId(second.getRequestId())
                    .setError(InteractiveError.newBuilder().setCode("INVALID_REQUEST")
                            .setMessage("The sort key names column 'mail', which the failing rows do not have; "
                                    + "their columns are: id, email")));
            var refused = unknownColumn.get(10, TimeUnit.SECONDS);
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.<String>path("message")).contains("'mail'", "id, email");

            var overGrpc = CompletableFuture.supplyAsync(() -> JobServiceGrpc.newBlockingStub(api).getFailingRows(
                    GetFailingRowsRequest.newBuilder().setJobId(job.id()).setCheck("id-present")
                            .addFilters(RowFilter.newBuilder().setColumn("email")
                                    .setOperator(FilterOperator.FILTER_OPERATOR_IS_NULL)).build()));
            InteractiveRequest third = link.expect(f -> f.hasCommand() && f.getCommand().hasInteractive())
                    .getCommand().getInteractive();
            assertThat(third.getReadFailingRows().getPageSize()).as("gRPC's default page size").isEqualTo(50);
            TransientView view = TransientView.newBuilder().addColumns("id").addColumns("email")
                    .addRows(Row.newBuilder().addValues("7").addValues("").addNulls(1)).build();
            reply(link, InteractiveReply.newBuilder().setRequestId(third.getRequestId())
                    .setReadFailingRows(ReadFailingRowsReply.newBuilder().setTotalRows(3).setMatchingRows(1)
                            .setView(view)));
            FailingRowsPage page = overGrpc.get(10, TimeUnit.SECONDS);
            assertThat(page.getView()).isEqualTo(view);
            assertThat(page.getMatchingRows()).isEqualTo(1);
            assertThat(page.hasPresigned()).isFalse();
        }
        long kept = ((Number) db.createNativeQuery("select count(*) from edge_command where edge_id = :edge "
                + "and kind = 'INTERACTIVE'").setParameter("edge", UUID.fromString(job.edgeId())).getSingleResult())
                .longValue();
        assertThat(kept).as("answered requests, with the filter values a person typed, leave the outbox").isZero();
    }

    @Test
    void failingGroupsArePagedOnTheEdgeAndRelayed() throws Exception {
        Job job = succeededCheckJob("views-groups");
        String groups = "/api/v1/jobs/" + job.id() + "/checks/id-present/failing-groups";
        given().get("/api/v1/jobs/" + job.id() + "/checks/no-such-check/failing-groups").then().statusCode(404);
        given().queryParam("pageSize", "501").get(groups).then().statusCode(400)
                .body("message", containsString("pageSize 501"));

        try (TestEdge link = link(job)) {
            var answer = ask(() -> given().queryParam("page", "1").queryParam("pageSize", "1").get(groups).then()
                    .extract());
            InteractiveRequest request = link.expect(f -> f.hasCommand() && f.getCommand().hasInteractive())
                    .getCommand().getInteractive();
            assertThat(request.getReadFailingGroups().getCheckName()).isEqualTo("id-present");
            assertThat(request.getReadFailingGroups().getPage()).isEqualTo(1);
            assertThat(request.getReadFailingGroups().getPageSize()).isEqualTo(1);
            reply(link, InteractiveReply.newBuilder().setRequestId(request.getRequestId())
                    .setReadFailingGroups(ReadFailingGroupsReply.newBuilder().setGroups(40).setTotalFailingGroups(3)
                            .setView(TransientView.newBuilder()
                                    .addAllColumns(List.of("region", "rows_checked", "rows_failed", "observed"))
                                    .addRows(Row.newBuilder().addAllValues(List.of("", "7", "3", "")).addNulls(0)
                                            .addNulls(3)))));

            var read = answer.get(10, TimeUnit.SECONDS);
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(read.header("Cache-Control")).isEqualTo("no-store");
            assertThat(read.<Integer>path("groups")).isEqualTo(40);
            assertThat(read.<Integer>path("totalFailingGroups")).isEqualTo(3);
            assertThat(read.<List<String>>path("columns")).containsExactly("region", "rows_checked", "rows_failed",
                    "observed");
            assertThat(read.<List<List<String>>>path("rows")).containsExactly(Arrays.asList(null, "7", "3", null));
        }
    }

    @Test
    void aPageOfJobsIsReadWithOneQueryPerTableWhateverItsLength() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(succeededCheckJob("views-list-" + i).id());
        }
        Statistics statistics = db.getEntityManagerFactory().unwrap(SessionFactory.class).getStatistics();
        statistics.setStatisticsEnabled(true);
        try {
            long checks = executions(statistics, "JobCheckResult");
            long references = executions(statistics, "JobReference");
            long dimensions = executions(statistics, "JobDimensionScore");

            var page = given().queryParam("limit", 100).get("/api/v1/jobs").then().statusCode(200).extract();

            // At least these three succeeded jobs on the page: one query each for all of them, not one per job.
            assertThat(executions(statistics, "JobCheckResult") - checks).isOne();
            assertThat(executions(statistics, "JobReference") - references).isOne();
            assertThat(executions(statistics, "JobDimensionScore") - dimensions).isOne();
            for (String id : ids) {
                assertThat(page.<List<String>>path("find { it.id == '" + id + "' }.result.checks.name"))
                        .containsExactly("id-present");
            }
        } finally {
            statistics.setStatisticsEnabled(false);
        }
    }

    /** How often the queries that name {@code entity} have run since statistics were switched on. */
    private static long executions(Statistics statistics, String entity) {
        return Arrays.stream(statistics.getQueries()).filter(query -> query.contains(entity))
                .mapToLong(query -> statistics.getQueryStatistics(query).getExecutionCount()).sum();
    }

    @Test
    void aProfileIsReadOnlyForASucceededProfileJob() throws Exception {
        Job check = succeededCheckJob("views-check");
        given().get("/api/v1/jobs/" + check.id() + "/profile").then().statusCode(409)
                .body("message", containsString("is a check job: profiles exist only for profile jobs"));

        Job profile = succeededProfileJob("views-profile");
        try (TestEdge link = link(profile)) {
            var answer = ask(() -> given().get("/api/v1/jobs/" + profile.id() + "/profile").then().extract());
            InteractiveRequest request = link.expect(f -> f.hasCommand() && f.getCommand().hasInteractive())
                    .getCommand().getInteractive();
            assertThat(request.getReadProfile().getJobId()).isEqualTo(profile.id());
            reply(link, InteractiveReply.newBuilder().setRequestId(request.getRequestId())
                    .setReadProfile(ReadProfileReply.newBuilder().setRows(1000).setView(TransientView.newBuilder()
                            .addAllColumns(List.of("column", "type", "min", "max"))
                            .addRows(Row.newBuilder().addAllValues(List.of("id", "BIGINT", "1", "1000")))
                            .addRows(Row.newBuilder().addAllValues(List.of("note", "VARCHAR", "", "")).addNulls(2)
                                    .addNulls(3)))));
            var read = answer.get(10, TimeUnit.SECONDS);
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(read.header("Cache-Control")).isEqualTo("no-store");
            assertThat(read.<Integer>path("rows")).isEqualTo(1000);
            assertThat(read.<List<String>>path("columns")).containsExactly("column", "type", "min", "max");
            assertThat(read.<List<List<String>>>path("values")).containsExactly(List.of("id", "BIGINT", "1", "1000"),
                    Arrays.asList("note", "VARCHAR", null, null));

            var overGrpc = CompletableFuture.supplyAsync(() -> JobServiceGrpc.newBlockingStub(api).getProfile(
                    GetProfileRequest.newBuilder().setJobId(profile.id()).build()));
            InteractiveRequest second = link.expect(f -> f.hasCommand() && f.getCommand().hasInteractive())
                    .getCommand().getInteractive();
            reply(link, InteractiveReply.newBuilder().setRequestId(second.getRequestId())
                    .setError(InteractiveError.newBuilder().setCode("NOT_FOUND")
                            .setMessage("No profile is stored for job " + profile.id())));
            assertThat(overGrpc).failsWithin(10, TimeUnit.SECONDS).withThrowableThat()
                    .havingCause().isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
                        assertThat(e.getStatus().getDescription()).contains("No profile is stored");
                    });
        }
    }

    /** A job, its edge and the edge's token. */
    private record Job(String id, String edgeId, String token) {
    }

    /** Links the job's edge, as its plane-manager would. */
    private TestEdge link(Job job) throws InterruptedException {
        TestEdge link = TestEdge.connect(channel, job.token(), job.edgeId());
        link.expect(ControlFrame::hasWelcome);
        EdgeLinkTest.awaitEdgeStatus(job.edgeId(), "connected");
        return link;
    }

    private Job succeededCheckJob(String name) throws Exception {
        return succeededJob(name, Map.of("ruleSetId", createRuleSet(name)), JobResult.newBuilder().setRowsScanned(3)
                .addChecks(CheckResult.newBuilder().setName("id-present").setType("not_null").setRowsChecked(3)
                        .setRowsFailed(3).setSamplesStored(3)).build());
    }

    private Job succeededProfileJob(String name) throws Exception {
        return succeededJob(name, Map.of("kind", "profile"), JobResult.newBuilder().setRowsScanned(1000).build());
    }

    private Job succeededJob(String name, Map<String, String> submission, JobResult result) throws Exception {
        var edge = given().contentType(ContentType.JSON).body(Map.of("name", name + "-edge"))
                .post("/api/v1/edges").then().statusCode(201).extract();
        String edgeId = edge.path("edge.id");
        String source = given().contentType(ContentType.JSON)
                .body(Map.of("name", name + "-ds", "edgeId", edgeId, "bucket", "data", "prefix", "in/", "format",
                        "csv"))
                .post("/api/v1/data-sources").then().statusCode(201).extract().path("id");
        Map<String, String> body = new HashMap<>(submission);
        body.put("dataSourceId", source);
        String jobId = given().contentType(ContentType.JSON).body(body).post("/api/v1/jobs").then().statusCode(202)
                .extract().path("id");
        Job job = new Job(jobId, edgeId, edge.path("token"));
        try (TestEdge link = link(job)) {
            link.ack(link.expect(ControlFrame::hasCommand).getCommand().getSeq());
            link.event("done-" + jobId, JobEvent.newBuilder().setJobId(jobId).setSucceeded(result).build());
            RestApiTest.awaitState(jobId, "succeeded");
        }
        EdgeLinkTest.awaitEdgeStatus(edgeId, "disconnected");
        return job;
    }

    private static String createRuleSet(String name) {
        return given().contentType(ContentType.JSON).body(Map.of("name", name + "-rules", "yaml", RestApiTest.RULES))
                .post("/api/v1/rule-sets").then().statusCode(201).extract().path("id");
    }

    private static <T> CompletableFuture<T> ask(Supplier<T> call) {
        return CompletableFuture.supplyAsync(call);
    }

    private static void reply(TestEdge link, InteractiveReply.Builder reply) throws InterruptedException {
        String eventId = "reply-" + reply.getRequestId();
        link.send(EdgeFrame.newBuilder().setEvent(EdgeEvent.newBuilder().setEventId(eventId)
                .setInteractiveReply(reply)).build());
        link.expect(f -> f.hasEventAck() && f.getEventAck().getEventId().equals(eventId));
    }
}
