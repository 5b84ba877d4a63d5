package dev.outpost.control;

import static dev.outpost.control.EdgeLinkTest.createEdge;
import static dev.outpost.control.EdgeLinkTest.submitJob;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import dev.outpost.control.job.JobEventHandler;
import dev.outpost.proto.api.v1.DeleteEdgeRequest;
import dev.outpost.proto.api.v1.EdgeServiceGrpc;
import dev.outpost.proto.api.v1.GetEdgeRequest;
import dev.outpost.proto.api.v1.RotateEdgeTokenRequest;
import dev.outpost.proto.api.v1.RotateEdgeTokenResponse;
import dev.outpost.proto.edgelink.v1.ControlFrame;
import dev.outpost.proto.edgelink.v1.EdgeEvent;
import dev.outpost.proto.edgelink.v1.EdgeFrame;
import dev.outpost.proto.edgelink.v1.Heartbeat;
import dev.outpost.proto.edgelink.v1.Hello;
import dev.outpost.proto.interactive.v1.BrowseFilesReply;
import dev.outpost.proto.interactive.v1.FileEntry;
import dev.outpost.proto.interactive.v1.InteractiveError;
import dev.outpost.proto.interactive.v1.InteractiveReply;
import dev.outpost.proto.job.v1.JobEvent;
import dev.outpost.proto.job.v1.JobFailure;
import dev.outpost.proto.job.v1.JobStarted;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * Edge identity end to end over real links: token rotation with a grace period, removal closing the link and refusing
 * reconnects (also when another replica removed the edge), isolation between two edges (commands, job events,
 * interactive replies), and what Hello reports with the support policy's verdict.
 */
@QuarkusTest
@TestProfile(ControlApiTestProfile.class)
class EdgeIdentityTest extends HttpsTest {

    /** The requirement: a removed edge's open link is closed within this. */
    private static final Duration REVOCATION_LIMIT = Duration.ofSeconds(5);

    @Inject
    DataSource database;

    @Test
    void aRotatedTokenWorksAtOnceAndThePreviousOneOnlyUntilItsGracePeriodEnds() throws Exception {
        String[] edge = createEdge("rotating-edge");
        var rotation = given().post("/api/v1/edges/" + edge[0] + "/token").then().statusCode(200).extract();
        String newToken = rotation.path("token");
        Instant graceEnds = Instant.parse(rotation.path("previousTokenExpiresAt"));
        assertThat(newToken).startsWith("opt_").isNotEqualTo(edge[1]);
        assertThat(rotation.<List<String>>path("install.commands")).anyMatch(c -> c.contains("'" + newToken + "'"))
                .anyMatch(c -> c.contains("rollout restart"));

        TestEdge withNew = TestEdge.connect(channel, newToken, edge[0]);
        withNew.expect(ControlFrame::hasWelcome);
        withNew.close();
        TestEdge withOld = TestEdge.connect(channel, edge[1], edge[0]);
        withOld.expect(ControlFrame::hasWelcome);
        assertThat(Instant.now()).as("the previous token was accepted inside its grace period").isBefore(graceEnds);

        Status closed = withOld.closedStatus();
        assertThat(closed.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(closed.getDescription()).contains("no longer accepted");
        assertThat(Instant.now()).as("the link of the previous token closed after the grace period")
                .isAfterOrEqualTo(graceEnds);

        try (TestEdge refused = TestEdge.connect(channel, edge[1], edge[0])) {
            assertThat(refused.closedStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        }
        try (TestEdge current = TestEdge.connect(channel, newToken, edge[0])) {
            current.expect(ControlFrame::hasWelcome);
        }
    }

    @Test
    void rotatingAgainRevokesATokenStillInItsGracePeriod() throws Exception {
        String[] edge = createEdge("twice-rotated-edge");
        var edges = EdgeServiceGrpc.newBlockingStub(api);
        RotateEdgeTokenResponse first = edges.rotateEdgeToken(RotateEdgeTokenRequest.newBuilder().setId(edge[0]).build());
        assertThat(first.getPreviousTokenExpiresMillis()).isGreaterThan(System.currentTimeMillis());
        assertThat(first.getInstall().getCommandsList()).anyMatch(c -> c.contains(first.getToken()));
        RotateEdgeTokenResponse second = edges.rotateEdgeToken(RotateEdgeTokenRequest.newBuilder().setId(edge[0]).build());

        try (TestEdge original = TestEdge.connect(channel, edge[1], edge[0])) {
            assertThat(original.closedStatus().getCode()).as("the creation token, replaced twice")
                    .isEqualTo(Status.Code.UNAUTHENTICATED);
        }
        try (TestEdge inGrace = TestEdge.connect(channel, first.getToken(), edge[0])) {
            inGrace.expect(ControlFrame::hasWelcome);
        }
        try (TestEdge current = TestEdge.connect(channel, second.getToken(), edge[0])) {
            current.expect(ControlFrame::hasWelcome);
        }
    }

    @Test
    void removingAnEdgeClosesItsLinkWithinFiveSecondsAndRefusesReconnects() throws Exception {
        String[] edge = createEdge("removed-edge");
        String jobId = submitJob(edge[0], "removed-edge");
        TestEdge link = TestEdge.connect(channel, edge[1], edge[0]);
        link.expect(ControlFrame::hasWelcome);

        Instant removed = Instant.now();
        given().delete("/api/v1/edges/" + edge[0]).then().statusCode(204);
        assertClosedInTimeAndRefusedAfter(link, removed, edge, "DELETE on this replica");

        given().get("/api/v1/edges/" + edge[0]).then().statusCode(404);
        given().get("/api/v1/edges").then().body("id", not(hasItem(edge[0])));
        given().contentType(ContentType.JSON).body(Map.of("name", "removed-edge")).post("/api/v1/edges").then()
                .statusCode(409).body("message", containsString("was removed"));
        var job = given().get("/api/v1/jobs/" + jobId).then().statusCode(200).extract();
        given().contentType(ContentType.JSON)
                .body(Map.of("dataSourceId", job.path("dataSourceId"), "ruleSetId", job.path("ruleSetId")))
                .post("/api/v1/jobs").then().statusCode(409).body("message", containsString("takes no more work"));
    }

    @Test
    void anEdgeRemovedOnAnotherReplicaLosesItsLinkHereWithinFiveSeconds() throws Exception {
        String[] edge = createEdge("removed-elsewhere-edge");
        var edges = EdgeServiceGrpc.newBlockingStub(api);
        TestEdge link = TestEdge.connect(channel, edge[1], edge[0]);
        link.expect(ControlFrame::hasWelcome);

        // What another replica's removal leaves in the shared database; no event reaches this replica.
        Instant removed = Instant.now();
        execute("update edge set token_hash = null, removed_at = now() where id = ?", UUID.fromString(edge[0]));
        assertClosedInTimeAndRefusedAfter(link, removed, edge, "removal by another replica");
        try {
            edges.deleteEdge(DeleteEdgeRequest.newBuilder().setId(edge[0]).build());
            throw new AssertionError("a removed edge cannot be removed again");
        } catch (StatusRuntimeException e) {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        }
    }

    @Test
    void anEdgeGetsOnlyItsOwnCommandsAndCannotReportOnAnotherEdgesJobs() throws Exception {
        String[] a = createEdge("isolated-a");
        String[] b = createEdge("isolated-b");
        String jobOfA = submitJob(a[0], "isolated-a");
        String jobOfB = submitJob(b[0], "isolated-b");

        try (TestEdge impostor = TestEdge.connect(channel, b[1], a[0])) {
            assertThat(impostor.closedStatus().getCode()).as("B's token claiming A's id")
                    .isEqualTo(Status.Code.UNAUTHENTICATED);
        }
        try (TestEdge linkA = TestEdge.connect(channel, a[1], a[0]);
                TestEdge linkB = TestEdge.connect(channel, b[1], b[0])) {
            ControlFrame commandOfB = linkB.expect(f -> f.hasCommand());
            assertThat(commandOfB.getCommand().getRunJob().getSpec().getJobId()).isEqualTo(jobOfB);
            ControlFrame commandOfA = linkA.expect(f -> f.hasCommand());
            assertThat(commandOfA.getCommand().getRunJob().getSpec().getJobId()).isEqualTo(jobOfA);
            // Frames on a link arrive in order: had A's command been queued for B, it would precede this answer.
            linkB.send(EdgeFrame.newBuilder().setHeartbeat(Heartbeat.newBuilder().setSentAtMillis(1)).build());
            assertThat(linkB.expect(f -> f.hasCommand() || f.hasHeartbeat()).hasHeartbeat())
                    .as("B receives no further command").isTrue();

            // B acknowledges A's sequence number: that acknowledges nothing of A's outbox.
            linkB.ack(commandOfA.getCommand().getSeq());
            CapturedWarnings warnings = CapturedWarnings.of(JobEventHandler.class);
            try {
                String secret = "reason-only-edge-b-knows-7e1f";
                linkB.event("shared-event-id", JobEvent.newBuilder().setJobId(jobOfA)
                        .setFailed(JobFailure.newBuilder().setCode("RUNNER_FAILED").setReason(secret)).build());
                linkB.expect(f -> f.hasEventAck() && f.getEventAck().getEventId().equals("shared-event-id"));
                given().get("/api/v1/jobs/" + jobOfA).then().body("state", equalTo("queued"));
                assertThat(warnings.messages()).anyMatch(m -> m.contains(b[0]) && m.contains(jobOfA)
                        && m.contains("not one of its jobs")).noneMatch(m -> m.contains(secret));
            } finally {
                warnings.close();
            }

            // The foreign event did not claim its id: A's own event with the same id is applied.
            linkA.event("shared-event-id", JobEvent.newBuilder().setJobId(jobOfA)
                    .setStarted(JobStarted.newBuilder().setRunner("pod a")).build());
            linkA.expect(f -> f.hasEventAck() && f.getEventAck().getEventId().equals("shared-event-id"));
            given().get("/api/v1/jobs/" + jobOfA).then().body("state", equalTo("running"));
            assertThat(count("select count(*) from edge_command where edge_id = ? and acked_at is not null",
                    UUID.fromString(a[0]))).as("A's command, acknowledged only by B").isZero();
        }
    }

    @Test
    void anEdgeCannotAnswerAnInteractiveRequestSentToAnotherEdge() throws Exception {
        String[] a = createEdge("asked-edge");
        String[] b = createEdge("nosy-edge");
        String sourceOfA = given().contentType(ContentType.JSON)
                .body(Map.of("name", "asked-ds", "edgeId", a[0], "bucket", "data", "prefix", "in/", "format", "csv"))
                .post("/api/v1/data-sources").then().statusCode(201).extract().path("id");
        try (TestEdge linkA = TestEdge.connect(channel, a[1], a[0]);
                TestEdge linkB = TestEdge.connect(channel, b[1], b[0])) {
            linkA.expect(ControlFrame::hasWelcome);
            linkB.expect(ControlFrame::hasWelcome);
            EdgeLinkTest.awaitEdgeStatus(a[0], "connected");
            CompletableFuture<ExtractableResponse<Response>> listing = CompletableFuture.supplyAsync(
                    () -> given().get("/api/v1/data-sources/" + sourceOfA + "/files").then().extract());

            String requestId = linkA.expect(f -> f.hasCommand() && f.getCommand().hasInteractive()).getCommand()
                    .getInteractive().getRequestId();
            linkB.send(browseReply("forged-reply", requestId, "forged-by-b.csv"));
            linkB.expect(f -> f.hasEventAck() && f.getEventAck().getEventId().equals("forged-reply"));
            linkA.send(browseReply("real-reply", requestId, "in/real.csv"));

            var answer = listing.get(10, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.<List<String>>path("files.key")).containsExactly("in/real.csv");
        }
    }

    @Test
    void anEdgesEgressPolicyRefusalReachesThePersonAsForbiddenAndTheRequestNamesTheAskingKey() throws Exception {
        String[] edge = createEdge("strict-edge");
        String source = given().contentType(ContentType.JSON)
                .body(Map.of("name", "strict-ds", "edgeId", edge[0], "bucket", "data", "prefix", "in/", "format", "csv"))
                .post("/api/v1/data-sources").then().statusCode(201).extract().path("id");
        try (TestEdge link = TestEdge.connect(channel, edge[1], edge[0])) {
            link.expect(ControlFrame::hasWelcome);
            EdgeLinkTest.awaitEdgeStatus(edge[0], "connected");
            CompletableFuture<ExtractableResponse<Response>> listing = CompletableFuture.supplyAsync(
                    () -> given().get("/api/v1/data-sources/" + source + "/files").then().extract());

            var request = link.expect(f -> f.hasCommand() && f.getCommand().hasInteractive()).getCommand()
                    .getInteractive();
            assertThat(request.getRequestedBy()).startsWith("api-key ").hasSize("api-key ".length() + 36);
            link.send(EdgeFrame.newBuilder().setEvent(EdgeEvent.newBuilder().setEventId("refusal")
                    .setInteractiveReply(InteractiveReply.newBuilder().setRequestId(request.getRequestId())
                            .setError(InteractiveError.newBuilder().setCode("REFUSED_BY_POLICY")
                                    .setMessage("the edge's egress policy keeps file listings on the edge "
                                            + "(outpost.edge.egress.catalog-import=false)"))))
                    .build());

            var answer = listing.get(10, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(403);
            assertThat(answer.<String>path("error")).isEqualTo("REFUSED_BY_POLICY");
            assertThat(answer.<String>path("message")).contains("outpost.edge.egress.catalog-import=false");
        }
    }

    private static EdgeFrame browseReply(String eventId, String requestId, String key) {
        return EdgeFrame.newBuilder().setEvent(EdgeEvent.newBuilder().setEventId(eventId)
                .setInteractiveReply(InteractiveReply.newBuilder().setRequestId(requestId)
                        .setBrowseFiles(BrowseFilesReply.newBuilder()
                                .addFiles(FileEntry.newBuilder().setKey(key).setSizeBytes(10)))))
                .build();
    }

    @Test
    void helloVersionAndReplicaAreShownWithTheSupportPolicyVerdict() throws Exception {
        String[] edge = createEdge("versioned-edge");
        given().get("/api/v1/edges/" + edge[0]).then()
                .body("versionSupport.status", equalTo("unknown"))
                .body("versionSupport.versionSkew", equalTo(false));

        try (TestEdge link = TestEdge.connect(channel, edge[1], Hello.newBuilder().setEdgeId(edge[0])
                .setAgentVersion("0.0.9").setReplicaId("plane-manager-7d9f-0").build())) {
            link.expect(ControlFrame::hasWelcome);
            given().get("/api/v1/edges/" + edge[0]).then()
                    .body("agentVersion", equalTo("0.0.9"))
                    .body("replicaId", equalTo("plane-manager-7d9f-0"))
                    .body("versionSupport.status", equalTo("outdated"))
                    .body("versionSupport.versionSkew", equalTo(true))
                    .body("versionSupport.detail", containsString("supported until"));
            var proto = EdgeServiceGrpc.newBlockingStub(api).getEdge(GetEdgeRequest.newBuilder().setId(edge[0]).build());
            assertThat(proto.getReplicaId()).isEqualTo("plane-manager-7d9f-0");
            assertThat(proto.getVersionSupport().getStatus())
                    .isEqualTo(dev.outpost.proto.api.v1.SupportStatus.SUPPORT_STATUS_OUTDATED);
            assertThat(proto.getVersionSupport().getSupportedUntilMillis()).isGreaterThan(System.currentTimeMillis());
        }

        String latest = given().get("/api/v1/edges/" + edge[0]).then().extract().path("versionSupport.latestRelease");
        String control = given().get("/api/v1/edges/" + edge[0]).then().extract().path("versionSupport.controlVersion");
        assertThat(control).as("control-api's own version is in its release catalogue").startsWith(latest);
        try (TestEdge link = TestEdge.connect(channel, edge[1], Hello.newBuilder().setEdgeId(edge[0])
                .setAgentVersion(control).setReplicaId("plane-manager-7d9f-1").build())) {
            link.expect(ControlFrame::hasWelcome);
            given().get("/api/v1/edges/" + edge[0]).then()
                    .body("replicaId", equalTo("plane-manager-7d9f-1"))
                    .body("versionSupport.status", equalTo("supported"))
                    .body("versionSupport.versionSkew", equalTo(false));
        }
        try (TestEdge link = TestEdge.connect(channel, edge[1], Hello.newBuilder().setEdgeId(edge[0])
                .setAgentVersion("nightly").build())) {
            link.expect(ControlFrame::hasWelcome);
            given().get("/api/v1/edges/" + edge[0]).then()
                    .body("versionSupport.status", equalTo("unsupported"))
                    .body("versionSupport.detail", containsString("not a release version"));
        }
    }

    @Test
    void anEdgeCannotBeRenamed() {
        String[] edge = createEdge("fixed-name-edge");
        given().contentType(ContentType.JSON).body(Map.of("name", "other-name")).patch("/api/v1/edges/" + edge[0])
                .then().statusCode(400)
                .body("message", containsString("An edge's name cannot be changed"))
                .body("message", containsString("register a new edge"));
        given().contentType(ContentType.JSON).body(Map.of("name", "fixed-name-edge")).patch("/api/v1/edges/" + edge[0])
                .then().statusCode(200).body("name", equalTo("fixed-name-edge"));
    }

    /** The removed edge's link closes with UNAUTHENTICATED within the limit (measured), and a reconnect is refused. */
    private void assertClosedInTimeAndRefusedAfter(TestEdge link, Instant removed, String[] edge, String removal)
            throws InterruptedException {
        Status closed = link.closedStatus();
        Duration took = Duration.between(removed, Instant.now());
        System.out.printf("Link of edge %s closed %d ms after its %s%n", edge[0], took.toMillis(), removal);
        assertThat(closed.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(took).isLessThan(REVOCATION_LIMIT);
        try (TestEdge again = TestEdge.connect(channel, edge[1], edge[0])) {
            assertThat(again.closedStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        }
    }

    private void execute(String sql, UUID id) throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, id);
            statement.executeUpdate();
        }
    }

    private long count(String sql, UUID id) throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, id);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Warnings logged by one class while open (the application logs through JBoss LogManager, a JUL manager). */
    private static final class CapturedWarnings extends Handler implements AutoCloseable {

        private final Logger logger;
        private final List<String> messages = new CopyOnWriteArrayList<>();

        private CapturedWarnings(Logger logger) {
            this.logger = logger;
        }

        static CapturedWarnings of(Class<?> source) {
            CapturedWarnings captured = new CapturedWarnings(Logger.getLogger(source.getName()));
            captured.logger.addHandler(captured);
            return captured;
        }

        List<String> messages() {
            return messages;
        }

        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                messages.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }
}
