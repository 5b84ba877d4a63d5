package dev.outpost.planemanager;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.google.protobuf.util.JsonFormat;

import dev.outpost.proto.audit.v1.EgressRecord;
import dev.outpost.proto.edgelink.v1.Command;
import dev.outpost.proto.edgelink.v1.ControlFrame;
import dev.outpost.proto.edgelink.v1.EdgeFrame;
import dev.outpost.proto.edgelink.v1.EventAck;
import dev.outpost.proto.edgelink.v1.RunJob;
import dev.outpost.proto.interactive.v1.BrowseFilesRequest;
import dev.outpost.proto.interactive.v1.InteractiveReply;
import dev.outpost.proto.interactive.v1.InteractiveRequest;
import dev.outpost.proto.interactive.v1.ReadFailingRowsReply;
import dev.outpost.proto.interactive.v1.ReadFailingRowsRequest;
import dev.outpost.proto.interactive.v1.Row;
import dev.outpost.proto.interactive.v1.TransientView;
import dev.outpost.proto.job.v1.CheckResult;
import dev.outpost.proto.job.v1.DataLocation;
import dev.outpost.proto.job.v1.JobEvent;
import dev.outpost.proto.job.v1.JobFailure;
import dev.outpost.proto.job.v1.JobKind;
import dev.outpost.proto.job.v1.JobRequest;
import dev.outpost.proto.job.v1.JobResult;
import dev.outpost.proto.job.v1.JobSpec;
import dev.outpost.sqs.OutpostQueue;
import dev.outpost.sqs.QueueClient;
import dev.outpost.sqs.Received;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What leaves the edge is recorded in the customer's bucket (transient views without their content) and limited by
 * the edge's egress policy, which this test profile sets to keep the catalog in.
 */
@QuarkusTest
@TestProfile(PlaneManagerTestProfile.class)
class EgressTest {

    private static final String AUDIT_PREFIX = "audit/egress/" + ScriptedControlPlane.EDGE_ID + "/";
    private static final JsonFormat.Parser AUDIT_JSON = JsonFormat.parser().usingTypeRegistry(
            JsonFormat.TypeRegistry.newBuilder().add(EdgeFrame.getDescriptor()).build());

    @Inject
    QueueClient queues;

    @Inject
    S3Client s3;

    @Test
    void transientViewsAreAuditedWithoutTheirRowsAndAggregatesInFull() throws Exception {
        ScriptedControlPlane.expect(f -> f.hasHello() || f.hasHeartbeat());
        String canary = "canary-" + UUID.randomUUID() + "@example.com";
        String requestId = "rows-" + UUID.randomUUID();
        long seq = ScriptedControlPlane.nextSeq();
        ScriptedControlPlane.send(ControlFrame.newBuilder().setCommand(Command.newBuilder().setSeq(seq)
                .setInteractive(InteractiveRequest.newBuilder().setRequestId(requestId).setRequestedBy("alice")
                        .setReadFailingRows(ReadFailingRowsRequest.newBuilder().setJobId("job-audit")
                                .setCheckName("email_valid").setPageSize(10)))).build());
        ScriptedControlPlane.expect(f -> f.hasCommandAck() && f.getCommandAck().getSeq() == seq);

        // results-reader's part: answer from the results queue with a page of rows.
        List<Received<InteractiveRequest>> requests = queues.receive(OutpostQueue.RESULTS,
                InteractiveRequest.getDefaultInstance(), 10, Duration.ofSeconds(5), Duration.ofSeconds(30));
        assertThat(requests).extracting(r -> r.body().getRequestId()).containsExactly(requestId);
        queues.send(OutpostQueue.REPLIES, InteractiveReply.newBuilder().setRequestId(requestId)
                .setReadFailingRows(ReadFailingRowsReply.newBuilder().setTotalRows(1).setView(TransientView
                        .newBuilder().addColumns("email").addRows(Row.newBuilder().addValues(canary)))).build());
        queues.delete(requests.get(0));
        String aggregateId = "aggregate-" + UUID.randomUUID();
        queues.send(OutpostQueue.JOB_EVENTS, JobEvent.newBuilder().setEventId(aggregateId).setJobId("job-audit")
                .setSucceeded(JobResult.newBuilder().setRowsScanned(98_765).setScore(0.99).addChecks(CheckResult
                        .newBuilder().setName("email_valid").setRowsChecked(98_765).setRowsFailed(12))).build());

        EdgeFrame reply = acknowledged(ScriptedControlPlane.expect(f -> f.hasEvent()
                && f.getEvent().getInteractiveReply().getRequestId().equals(requestId)).frame());
        EdgeFrame aggregate = acknowledged(ScriptedControlPlane.expect(f -> f.hasEvent()
                && f.getEvent().getEventId().equals(aggregateId)).frame());
        assertThat(reply.toString()).as("the control plane did get the rows").contains(canary);

        Await.until(() -> auditRecords().stream().map(EgressRecord::getEventId).toList()
                .containsAll(List.of(reply.getEvent().getEventId(), aggregateId)), "both events in the audit log");
        Map<String, EgressRecord> byEvent = new java.util.HashMap<>();
        auditRecords().forEach(r -> byEvent.put(r.getEventId(), r));

        EgressRecord replyRecord = byEvent.get(reply.getEvent().getEventId());
        assertThat(replyRecord.getType()).isEqualTo("interactive_reply");
        assertThat(replyRecord.getRequestId()).isEqualTo(requestId);
        assertThat(replyRecord.getRequestedBy()).isEqualTo("alice");
        assertThat(replyRecord.getSizeBytes()).isEqualTo(reply.getSerializedSize());
        assertThat(replyRecord.getReplicaId()).isEqualTo(PlaneManagerTestProfile.REPLICA_ID);
        assertThat(replyRecord.hasContent()).isFalse();
        assertThat(replyRecord.getWithheld()).startsWith("transient view");

        EgressRecord aggregateRecord = byEvent.get(aggregateId);
        assertThat(aggregateRecord.getType()).isEqualTo("job_event");
        assertThat(aggregateRecord.getJobId()).isEqualTo("job-audit");
        assertThat(aggregateRecord.getContent().unpack(EdgeFrame.class)).isEqualTo(aggregate);

        assertThat(auditObjects()).allSatisfy((key, text) -> {
            assertThat(key).matches(AUDIT_PREFIX + "\\d{4}/\\d{2}/\\d{2}/\\d{2}/" + PlaneManagerTestProfile.REPLICA_ID
                    + "-\\d{8}T\\d{9}Z-\\d+\\.jsonl");
            assertThat(text).doesNotContain(canary);
        });
        assertThat(auditRecords()).anySatisfy(r -> {
            assertThat(r.getType()).isEqualTo("hello");
            assertThat(r.getContent().unpack(EdgeFrame.class).getHello().getReplicaId())
                    .isEqualTo(PlaneManagerTestProfile.REPLICA_ID);
        });
    }

    @Test
    void aRequestThePolicyKeepsInIsRefusedToTheRequesterAuditedAndNeverQueued() throws Exception {
        ScriptedControlPlane.expect(f -> f.hasHello() || f.hasHeartbeat());
        String requestId = "browse-" + UUID.randomUUID();
        long seq = ScriptedControlPlane.nextSeq();
        ScriptedControlPlane.send(ControlFrame.newBuilder().setCommand(Command.newBuilder().setSeq(seq)
                .setInteractive(InteractiveRequest.newBuilder().setRequestId(requestId).setRequestedBy("bob")
                        .setBrowseFiles(BrowseFilesRequest.newBuilder().setLocation(DataLocation.newBuilder()
                                .setBucket("customer-data").setPrefix("sales/"))))).build());
        ScriptedControlPlane.expect(f -> f.hasCommandAck() && f.getCommandAck().getSeq() == seq);

        EdgeFrame refusal = acknowledged(ScriptedControlPlane.expect(f -> f.hasEvent()
                && f.getEvent().getInteractiveReply().getRequestId().equals(requestId)).frame());
        var error = refusal.getEvent().getInteractiveReply().getError();
        assertThat(error.getCode()).isEqualTo("REFUSED_BY_POLICY");
        assertThat(error.getMessage()).contains("does not let catalog import leave",
                "outpost.edge.egress.catalog-import=false", ScriptedControlPlane.EDGE_ID);
        assertThat(queues.receive(OutpostQueue.INTERACTIVE, InteractiveRequest.getDefaultInstance(), 10,
                Duration.ofSeconds(1), Duration.ofSeconds(30))).as("never reaches metadata-browser").isEmpty();

        Await.until(() -> auditRecords().stream().anyMatch(r -> r.getRequestId().equals(requestId)),
                "the refusal in the audit log");
        EgressRecord audited = auditRecords().stream().filter(r -> r.getRequestId().equals(requestId)).findFirst()
                .orElseThrow();
        assertThat(audited.getRequestedBy()).isEqualTo("bob");
        assertThat(audited.getContent().unpack(EdgeFrame.class)).isEqualTo(refusal);
    }

    @Test
    void aMetadataImportThePolicyKeepsInFailsWithoutReachingARunner() throws Exception {
        ScriptedControlPlane.expect(f -> f.hasHello() || f.hasHeartbeat());
        String jobId = "import-" + UUID.randomUUID();
        long seq = ScriptedControlPlane.nextSeq();
        ScriptedControlPlane.send(ControlFrame.newBuilder().setCommand(Command.newBuilder().setSeq(seq)
                .setRunJob(RunJob.newBuilder().setSpec(JobSpec.newBuilder().setJobId(jobId)
                        .setKind(JobKind.JOB_KIND_METADATA_IMPORT).setLocation(DataLocation.newBuilder()
                                .setBucket("customer-data").setPrefix("sales/"))))).build());
        ScriptedControlPlane.expect(f -> f.hasCommandAck() && f.getCommandAck().getSeq() == seq);

        EdgeFrame failed = acknowledged(ScriptedControlPlane.expect(f -> f.hasEvent()
                && f.getEvent().getJob().getJobId().equals(jobId)).frame());
        JobFailure failure = failed.getEvent().getJob().getFailed();
        assertThat(failure.getCode()).isEqualTo("REFUSED_BY_POLICY");
        assertThat(failure.getReason()).contains("does not let catalog import leave",
                "outpost.edge.egress.catalog-import=false", ScriptedControlPlane.EDGE_ID);
        assertThat(queues.receive(OutpostQueue.JOBS, JobRequest.getDefaultInstance(), 10, Duration.ofSeconds(1),
                Duration.ofSeconds(30))).as("never reaches a runner")
                .noneMatch(job -> job.body().getSpec().getJobId().equals(jobId));
    }

    /** Acknowledges a forwarded event, as control-api does once it handled it, so its queue message goes. */
    private static EdgeFrame acknowledged(EdgeFrame event) {
        ScriptedControlPlane.send(ControlFrame.newBuilder().setEventAck(EventAck.newBuilder()
                .setEventId(event.getEvent().getEventId())).build());
        return event;
    }

    private Map<String, String> auditObjects() {
        Map<String, String> objects = new java.util.TreeMap<>();
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(PlaneManagerTestProfile.RESULTS_BUCKET)
                .prefix(AUDIT_PREFIX)).contents()) {
            objects.put(object.key(), s3.getObjectAsBytes(b -> b.bucket(PlaneManagerTestProfile.RESULTS_BUCKET)
                    .key(object.key())).asString(StandardCharsets.UTF_8));
        }
        return objects;
    }

    private List<EgressRecord> auditRecords() throws Exception {
        List<EgressRecord> records = new ArrayList<>();
        for (String text : auditObjects().values()) {
            for (String line : text.split("\n")) {
                EgressRecord.Builder record = EgressRecord.newBuilder();
                AUDIT_JSON.merge(line, record);
                records.add(record.build());
            }
        }
        return records;
    }
}
