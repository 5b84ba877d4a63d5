package dev.outpost.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.outpost.proto.api.v1.CreateDataSourceRequest;
import dev.outpost.proto.api.v1.CreateEdgeRequest;
import dev.outpost.proto.api.v1.CreateEdgeResponse;
import dev.outpost.proto.api.v1.CreateRuleSetRequest;
import dev.outpost.proto.api.v1.DataSource;
import dev.outpost.proto.api.v1.DataSourceServiceGrpc;
import dev.outpost.proto.api.v1.DeleteDataSourceRequest;
import dev.outpost.proto.api.v1.DeleteRuleSetRequest;
import dev.outpost.proto.api.v1.EdgeServiceGrpc;
import dev.outpost.proto.api.v1.GetEdgeRequest;
import dev.outpost.proto.api.v1.GetRuleSetRequest;
import dev.outpost.proto.api.v1.Job;
import dev.outpost.proto.api.v1.JobServiceGrpc;
import dev.outpost.proto.api.v1.ListJobsRequest;
import dev.outpost.proto.api.v1.ReplaceRuleSetRequest;
import dev.outpost.proto.api.v1.RuleSet;
import dev.outpost.proto.api.v1.RuleSetServiceGrpc;
import dev.outpost.proto.api.v1.SubmitJobRequest;
import dev.outpost.proto.api.v1.UpdateDataSourceRequest;
import dev.outpost.proto.api.v1.WatchJobRequest;
import dev.outpost.proto.edgelink.v1.ControlFrame;
import dev.outpost.proto.job.v1.DataFormat;
import dev.outpost.proto.job.v1.DataLocation;
import dev.outpost.proto.job.v1.JobEvent;
import dev.outpost.proto.job.v1.JobFailure;
import dev.outpost.proto.job.v1.JobProgress;
import dev.outpost.proto.job.v1.JobState;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(ControlApiTestProfile.class)
class GrpcApiTest extends HttpsTest {

    @Test
    void aJobSubmittedOverGrpcIsWatchedUntilItFinishes() throws Exception {
        var edges = EdgeServiceGrpc.newBlockingStub(api);
        CreateEdgeResponse edge = edges.createEdge(CreateEdgeRequest.newBuilder().setName("grpc-edge").build());
        assertThat(edge.getToken()).startsWith("opt_");
        assertThat(edges.getEdge(GetEdgeRequest.newBuilder().setId(edge.getEdge().getId()).build()).getConnected())
                .isFalse();

        String sourceId = DataSourceServiceGrpc.newBlockingStub(api).createDataSource(
                CreateDataSourceRequest.newBuilder().setName("grpc-ds").setEdgeId(edge.getEdge().getId())
                        .setLocation(DataLocation.newBuilder().setBucket("data").setPrefix("p/")
                                .setFormat(DataFormat.DATA_FORMAT_PARQUET))
                        .build()).getId();
        String ruleSetId = RuleSetServiceGrpc.newBlockingStub(api).createRuleSet(CreateRuleSetRequest.newBuilder()
                .setName("grpc-rules").setYaml(RestApiTest.RULES).build()).getId();
        var jobs = JobServiceGrpc.newBlockingStub(api);
        Job submitted = jobs.submitJob(SubmitJobRequest.newBuilder().setDataSourceId(sourceId).setRuleSetId(ruleSetId)
                .build());
        assertThat(submitted.getState()).isEqualTo(JobState.JOB_STATE_QUEUED);
        assertThat(jobs.listJobs(ListJobsRequest.getDefaultInstance()).getJobsList()).extracting(Job::getId)
                .contains(submitted.getId());

        Iterator<Job> watch = jobs.watchJob(WatchJobRequest.newBuilder().setId(submitted.getId()).build());
        List<JobState> seen = new ArrayList<>();
        seen.add(watch.next().getState());
        try (TestEdge link = TestEdge.connect(channel, edge.getToken(), edge.getEdge().getId())) {
            link.ack(link.expect(ControlFrame::hasCommand).getCommand().getSeq());
            link.event("grpc-progress", JobEvent.newBuilder().setJobId(submitted.getId())
                    .setProgress(JobProgress.newBuilder().setPhase("scan").setFraction(0.5).setMessage("scanning"))
                    .build());
            link.event("grpc-failed", JobEvent.newBuilder().setJobId(submitted.getId())
                    .setFailed(JobFailure.newBuilder().setCode("DATA_NOT_FOUND").setReason("no objects under p/"))
                    .build());
            Job last = null;
            while (watch.hasNext()) {
                last = watch.next();
                seen.add(last.getState());
            }
            assertThat(last).isNotNull();
            assertThat(last.getState()).isEqualTo(JobState.JOB_STATE_FAILED);
            assertThat(last.getFailureCode()).isEqualTo("DATA_NOT_FOUND");
            assertThat(last.getFailureReason()).contains("no objects");
        }
        assertThat(seen).startsWith(JobState.JOB_STATE_QUEUED).endsWith(JobState.JOB_STATE_FAILED);
    }

    @Test
    void dataSourcesAndRuleSetsAreChangedAndDeletedOverGrpc() {
        var edges = EdgeServiceGrpc.newBlockingStub(api);
        String edgeId = edges.createEdge(CreateEdgeRequest.newBuilder().setName("grpc-change-edge").build())
                .getEdge().getId();
        String otherEdgeId = edges.createEdge(CreateEdgeRequest.newBuilder().setName("grpc-change-other").build())
                .getEdge().getId();
        var sources = DataSourceServiceGrpc.newBlockingStub(api);
        String sourceId = sources.createDataSource(CreateDataSourceRequest.newBuilder().setName("grpc-change-ds")
                .setEdgeId(edgeId).setLocation(DataLocation.newBuilder().setBucket("data").setPrefix("p/")
                        .setFormat(DataFormat.DATA_FORMAT_CSV))
                .build()).getId();

        DataSource changed = sources.updateDataSource(UpdateDataSourceRequest.newBuilder().setId(sourceId)
                .setPrefix("").setFormat(DataFormat.DATA_FORMAT_PARQUET).build());
        assertThat(changed.getLocation().getPrefix()).isEmpty();
        assertThat(changed.getLocation().getBucket()).isEqualTo("data");
        assertThat(changed.getLocation().getFormat()).isEqualTo(DataFormat.DATA_FORMAT_PARQUET);
        assertThat(changed.getName()).isEqualTo("grpc-change-ds");
        assertThat(changed.getUpdatedMillis()).isPositive();
        assertThat(failure(() -> sources.updateDataSource(UpdateDataSourceRequest.newBuilder().setId(sourceId)
                .setEdgeId(otherEdgeId).build())))
                .satisfies(s -> assertThat(s.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT))
                .satisfies(s -> assertThat(s.getDescription()).contains("edgeId cannot change"));

        var ruleSets = RuleSetServiceGrpc.newBlockingStub(api);
        String ruleSetId = ruleSets.createRuleSet(CreateRuleSetRequest.newBuilder().setName("grpc-change-rules")
                .setYaml(RestApiTest.RULES).build()).getId();
        Job job = JobServiceGrpc.newBlockingStub(api).submitJob(SubmitJobRequest.newBuilder()
                .setDataSourceId(sourceId).setRuleSetId(ruleSetId).build());
        assertThat(job.getRuleSetVersion()).isEqualTo(1);
        assertThat(job.getRuleSetYaml()).isEqualTo(RestApiTest.RULES);
        String replacement = "checks:\n  - name: only-one\n    type: not_null\n    column: id\n";
        RuleSet replaced = ruleSets.replaceRuleSet(ReplaceRuleSetRequest.newBuilder().setId(ruleSetId)
                .setYaml(replacement).build());
        assertThat(replaced.getVersion()).isEqualTo(2);
        assertThat(replaced.getCheckNamesList()).containsExactly("only-one");
        assertThat(failure(() -> ruleSets.replaceRuleSet(ReplaceRuleSetRequest.newBuilder().setId(ruleSetId)
                .setYaml("checks: 3").build())).getDescription()).contains("line 1");

        Status inUse = failure(() -> sources.deleteDataSource(DeleteDataSourceRequest.newBuilder().setId(sourceId)
                .build()));
        assertThat(inUse.getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(inUse.getDescription()).contains(job.getId());
        assertThat(failure(() -> ruleSets.deleteRuleSet(DeleteRuleSetRequest.newBuilder().setId(ruleSetId).build()))
                .getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);

        String unusedId = ruleSets.createRuleSet(CreateRuleSetRequest.newBuilder().setName("grpc-unused-rules")
                .setYaml(RestApiTest.RULES).build()).getId();
        ruleSets.deleteRuleSet(DeleteRuleSetRequest.newBuilder().setId(unusedId).build());
        assertThat(failure(() -> ruleSets.getRuleSet(GetRuleSetRequest.newBuilder().setId(unusedId).build()))
                .getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void domainErrorsBecomeGrpcStatuses() {
        var edges = EdgeServiceGrpc.newBlockingStub(api);
        assertThatThrownBy(() -> edges.getEdge(GetEdgeRequest.newBuilder().setId("nope").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
        assertThatThrownBy(() -> RuleSetServiceGrpc.newBlockingStub(api).createRuleSet(
                CreateRuleSetRequest.newBuilder().setName("bad-grpc").setYaml("checks: 3").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).contains("line 1");
                });
    }
}
