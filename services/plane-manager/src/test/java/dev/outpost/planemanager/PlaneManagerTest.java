package dev.outpost.planemanager;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.outpost.proto.edgelink.v1.Command;
import dev.outpost.proto.edgelink.v1.ControlFrame;
import dev.outpost.proto.edgelink.v1.EdgeFrame;
import dev.outpost.proto.edgelink.v1.EventAck;
import dev.outpost.proto.edgelink.v1.RunJob;
import dev.outpost.proto.job.v1.JobEvent;
import dev.outpost.proto.job.v1.JobRequest;
import dev.outpost.proto.job.v1.JobSpec;
import dev.outpost.proto.job.v1.JobStarted;
import dev.outpost.sqs.OutpostQueue;
import dev.outpost.sqs.QueueClient;
import dev.outpost.sqs.Received;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

@QuarkusTest
@TestProfile(PlaneManagerTestProfile.class)
class PlaneManagerTest {

    @Inject
    QueueClient queues;

    @Inject
    SqsClient sqs;

    @TestHTTPResource("/q/health/ready")
    URI ready;

    @TestHTTPResource("/q/health/live")
    URI live;

    @Test
    void runJobIsQueuedAcknowledgedAndGetsARunner() throws Exception {
        var linked = ScriptedControlPlane.expect(f -> f.hasHello() || f.hasHeartbeat());
        assertThat(linked.authorization()).isEqualTo("Bearer " + ScriptedControlPlane.TOKEN);

        long seq = ScriptedControlPlane.nextSeq();
        ScriptedControlPlane.send(ControlFrame.newBuilder().setCommand(Command.newBuilder().setSeq(seq)
                .setRunJob(RunJob.newBuilder().setSpec(JobSpec.newBuilder().setJobId("job-1")))).build());
        var ack = ScriptedControlPlane.expect(EdgeFrame::hasCommandAck);
        assertThat(ack.frame().getCommandAck().getSeq()).isEqualTo(seq);

        List<Received<JobRequest>> queued = queues.receive(OutpostQueue.JOBS, JobRequest.getDefaultInstance(), 10,
                Duration.ofSeconds(5), Duration.ofSeconds(30));
        assertThat(queued).extracting(r -> r.body().getSpec().getJobId()).containsExactly("job-1");
        queues.delete(queued.get(0));

        Await.until(() -> Files.exists(PlaneManagerTestProfile.LAUNCHES)
                && Files.readAllLines(PlaneManagerTestProfile.LAUNCHES).contains("launched"), "a job-runner launched");
    }

    @Test
    void eventsAreForwardedAndDeletedOnlyAfterTheControlPlaneAcknowledges() throws Exception {
        ScriptedControlPlane.expect(f -> f.hasHello() || f.hasHeartbeat());
        queues.send(OutpostQueue.JOB_EVENTS, JobEvent.newBuilder().setEventId("event-1").setJobId("job-2")
                .setStarted(JobStarted.newBuilder().setRunner("test")).build());

        var forwarded = ScriptedControlPlane.expect(f -> f.hasEvent() && f.getEvent().getEventId().equals("event-1"));
        assertThat(forwarded.frame().getEvent().getJob().getJobId()).isEqualTo("job-2");
        assertThat(messagesOn(OutpostQueue.JOB_EVENTS)).as("kept until acknowledged").isEqualTo(1);

        ScriptedControlPlane.send(ControlFrame.newBuilder()
                .setEventAck(EventAck.newBuilder().setEventId("event-1")).build());
        Await.until(() -> messagesOn(OutpostQueue.JOB_EVENTS) == 0, "the event message deleted after the ack");
    }

    @Test
    void aDroppedLinkIsReopenedWithAHelloNamingEdgeReplicaAndBuiltVersion() throws Exception {
        ScriptedControlPlane.expect(f -> f.hasHello() || f.hasHeartbeat());
        ScriptedControlPlane.dropLink();
        var hello = ScriptedControlPlane.expect(EdgeFrame::hasHello).frame().getHello();
        assertThat(hello.getEdgeId()).isEqualTo(ScriptedControlPlane.EDGE_ID);
        assertThat(hello.getReplicaId()).isEqualTo(PlaneManagerTestProfile.REPLICA_ID);
        assertThat(hello.getAgentVersion()).isEqualTo(System.getProperty("outpost.test.project-version"))
                .isNotBlank();
    }

    @Test
    void readyOnlyWhileLinkedAndAliveRegardless() throws Exception {
        ScriptedControlPlane.expect(f -> f.hasHello() || f.hasHeartbeat());
        Await.until(() -> get(ready).statusCode() == 200, "ready while linked");
        try {
            ScriptedControlPlane.refuseLinks(true);
            ScriptedControlPlane.dropLink();
            Await.until(() -> get(ready).statusCode() == 503, "not ready once the control plane closed the link");
            assertThat(get(ready).body()).contains("\"status\": \"DOWN\"", "not linked: ", "test drops the link");
            Await.until(() -> get(ready).body().contains("not linked: Status{code=UNAVAILABLE, description=control "
                    + "plane refuses links in this test"), "not ready, saying why, while reconnects are refused");
            assertThat(get(live).statusCode()).as("liveness ignores the link").isEqualTo(200);
        } finally {
            ScriptedControlPlane.refuseLinks(false);
        }
        Await.until(() -> get(ready).statusCode() == 200, "ready again once relinked");
        assertThat(get(ready).body()).contains("edge-link", "\"status\": \"UP\"");
    }

    @Test
    void onlyTheLeaderLinksAndAStandbyIsReady() throws Exception {
        ScriptedControlPlane.expect(f -> f.hasHello() || f.hasHeartbeat());
        Await.until(() -> get(ready).statusCode() == 200, "ready while leading and linked");
        int closedBefore = ScriptedControlPlane.closedByEdge();
        try {
            long lost = System.nanoTime();
            SwitchableLeadership.lead(false);
            Await.until(() -> ScriptedControlPlane.closedByEdge() > closedBefore,
                    "the link closed cleanly by the edge once it stops leading");
            System.out.printf("Link closed %d ms after leadership was lost%n", (System.nanoTime() - lost) / 1_000_000);
            ScriptedControlPlane.forgetFrames();
            HttpResponse<String> standby = get(ready);
            assertThat(standby.statusCode()).as("a standby is ready").isEqualTo(200);
            assertThat(standby.body()).contains("\"status\": \"UP\"",
                    "standby: not leading, the leader holds the link");
            assertThat(ScriptedControlPlane.arrives(EdgeFrame::hasHello, Duration.ofSeconds(2)))
                    .as("a standby does not link (10 leadership checks)").isFalse();
            assertThat(get(live).statusCode()).as("liveness ignores leadership").isEqualTo(200);

            long gained = System.nanoTime();
            SwitchableLeadership.lead(true);
            var hello = ScriptedControlPlane.expect(EdgeFrame::hasHello);
            System.out.printf("Hello sent %d ms after leadership was gained%n",
                    (System.nanoTime() - gained) / 1_000_000);
            assertThat(hello.frame().getHello().getReplicaId()).isEqualTo(PlaneManagerTestProfile.REPLICA_ID);
            Await.until(() -> get(ready).statusCode() == 200 && !get(ready).body().contains("standby"),
                    "ready as the linked leader");
        } finally {
            SwitchableLeadership.lead(true);
        }
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private long messagesOn(OutpostQueue queue) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queues.url(queue))
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }
}
