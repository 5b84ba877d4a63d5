package dev.outpost.control.job;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.outpost.control.auth.ApiKeyInterceptor;
import dev.outpost.control.auth.Caller;
import dev.outpost.control.auth.GrpcCallers;
import dev.outpost.control.error.GrpcErrors;
import dev.outpost.control.error.OutpostException;
import dev.outpost.proto.api.v1.FailingGroupsPage;
import dev.outpost.proto.api.v1.GetFailingGroupsRequest;
import dev.outpost.proto.api.v1.GetFailingRowsRequest;
import dev.outpost.proto.api.v1.GetJobRequest;
import dev.outpost.proto.api.v1.GetProfileRequest;
import dev.outpost.proto.api.v1.Job;
import dev.outpost.proto.api.v1.JobServiceGrpc;
import dev.outpost.proto.api.v1.ListJobsRequest;
import dev.outpost.proto.api.v1.ListJobsResponse;
import dev.outpost.proto.api.v1.Profile;
import dev.outpost.proto.api.v1.SubmitJobRequest;
import dev.outpost.proto.api.v1.WatchJobRequest;
import dev.outpost.proto.job.v1.CheckResult;
import dev.outpost.proto.job.v1.CheckSeverity;
import dev.outpost.proto.job.v1.ColumnCounts;
import dev.outpost.proto.job.v1.ColumnInfo;
import dev.outpost.proto.job.v1.Dimension;
import dev.outpost.proto.job.v1.DimensionScore;
import dev.outpost.proto.job.v1.JobResult;
import dev.outpost.proto.job.v1.JobState;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.quarkus.grpc.RegisterInterceptor;
import io.smallrye.common.annotation.Blocking;

/** gRPC: jobs. */
@GrpcService
@Blocking
@RegisterInterceptor(ApiKeyInterceptor.class)
public class JobGrpcService extends JobServiceGrpc.JobServiceImplBase {

    private static final Logger LOG = Logger.getLogger(JobGrpcService.class);
    /** How often a watched job is re-read; the database is the truth shared by all control-api replicas. */
    private static final Duration WATCH_POLL = Duration.ofMillis(500);

    private final JobService jobs;
    @Inject
    FailingRows failingRows;
    @Inject
    JobProfiles profiles;
    @Inject
    FailingGroups groups;
    private final GrpcCallers callers;

    JobGrpcService(JobService jobs, GrpcCallers callers) {
        this.jobs = jobs;
        this.callers = callers;
    }

    @Override
    public void submitJob(SubmitJobRequest request, StreamObserver<Job> response) {
        GrpcErrors.reply(response, () -> toProto(jobs.submit(callers.current(), request.getKind(),
                request.getDataSourceId(), request.getRuleSetId(),
                request.hasSampleLimit() ? request.getSampleLimit() : null)));
    }

    @Override
    public void getJob(GetJobRequest request, StreamObserver<Job> response) {
        GrpcErrors.reply(response, () -> toProto(jobs.get(callers.current(), request.getId())));
    }

    @Override
    public void listJobs(ListJobsRequest request, StreamObserver<ListJobsResponse> response) {
        GrpcErrors.reply(response, () -> ListJobsResponse.newBuilder()
                .addAllJobs(jobs.list(callers.current(), request.getLimit()).stream().map(JobGrpcService::toProto).toList())
                .build());
    }

    @Override
    public void getFailingRows(GetFailingRowsRequest request,
            StreamObserver<dev.outpost.proto.api.v1.FailingRowsPage> response) {
        GrpcErrors.reply(response, () -> failingRows.read(callers.current(), request));
    }

    @Override
    public void getFailingGroups(GetFailingGroupsRequest request, StreamObserver<FailingGroupsPage> response) {
        GrpcErrors.reply(response, () -> groups.read(callers.current(), request));
    }

    @Override
    public void getProfile(GetProfileRequest request, StreamObserver<Profile> response) {
        GrpcErrors.reply(response, () -> profiles.readProto(callers.current(), request.getJobId()));
    }

    @Override
    public void watchJob(WatchJobRequest request, StreamObserver<Job> response) {
        ServerCallStreamObserver<Job> call = (ServerCallStreamObserver<Job>) response;
        Supplier<Caller> caller = callers.rechecking();
        // Watching lasts as long as the job; a virtual thread keeps it off the worker pool.
        Thread.ofVirtual().name("watch-job-" + request.getId()).start(() -> watch(caller, request.getId(), call));
    }

    /** Polls the job for {@code caller}, whose key is checked on every poll: revoking it ends the watch. */
    private void watch(Supplier<Caller> caller, String id, ServerCallStreamObserver<Job> call) {
        JobView last = null;
        try {
            while (!call.isCancelled()) {
                JobView current = jobs.get(caller.get(), id);
                if (!current.equals(last)) {
                    call.onNext(toProto(current));
                    last = current;
                }
                if (current.finished()) {
                    call.onCompleted();
                    return;
                }
                TimeUnit.MILLISECONDS.sleep(WATCH_POLL.toMillis());
            }
        } catch (OutpostException e) {
            call.onError(GrpcErrors.toStatus(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Watching job %s failed", id);
            call.onError(io.grpc.Status.INTERNAL.withDescription("watching the job failed").asRuntimeException());
        }
    }

    /** A job as the gRPC API shows it. */
    public static Job toProto(JobView view) {
        Job.Builder job = Job.newBuilder()
                .setId(view.id())
                .setKind(JobKinds.of(view.kind()))
                .setDataSourceId(view.dataSourceId())
                .setEdgeId(view.edgeId())
                .setState(JobState.valueOf("JOB_STATE_" + view.state().toUpperCase(Locale.ROOT)))
                .setProgress(view.progress())
                .setSubmittedMillis(view.submittedAt().toEpochMilli());
        if (view.ruleSetId() != null) {
            job.setRuleSetId(view.ruleSetId()).setRuleSetVersion(view.ruleSetVersion())
                    .setRuleSetYaml(view.ruleSetYaml());
        }
        if (view.references() != null) {
            job.putAllReferenceDataSourceIds(view.references());
        }
        if (view.progressMessage() != null) {
            job.setProgressMessage(view.progressMessage());
        }
        if (view.finishedAt() != null) {
            job.setFinishedMillis(view.finishedAt().toEpochMilli());
        }
        if (view.failure() != null) {
            job.setFailureCode(view.failure().code()).setFailureReason(view.failure().reason());
        }
        if (view.result() != null) {
            job.setResult(toProto(view.result()));
        }
        return job.build();
    }

    private static JobResult toProto(JobView.Result result) {
        JobResult.Builder proto = JobResult.newBuilder()
                .setRowsScanned(result.rowsScanned())
                .setDurationMillis(result.durationMillis());
        if (result.checks() != null) {
            proto.setScore(result.score())
                    .setChecksFailed(result.checksFailed())
                    .setChecksWarned(result.checksWarned());
        }
        for (JobView.CheckView check : result.checks() == null ? List.<JobView.CheckView>of() : result.checks()) {
            JobView.CheckGroups groups = check.groups() == null ? new JobView.CheckGroups(0, 0) : check.groups();
            proto.addChecks(CheckResult.newBuilder()
                    .setName(check.name())
                    .setType(check.type())
                    .setDimension(dimension(check.dimension()))
                    .setRowsChecked(check.rowsChecked())
                    .setRowsFailed(check.rowsFailed())
                    .setPassed(check.passed())
                    .setScore(check.score())
                    .setSamplesStored(check.samplesStored())
                    .setSeverity("warn".equals(check.severity()) ? CheckSeverity.CHECK_SEVERITY_WARN
                            : CheckSeverity.CHECK_SEVERITY_FAIL)
                    .setWarned(check.warned())
                    .setDetail(check.detail() == null ? "" : check.detail())
                    .setGroups(groups.total())
                    .setGroupsFailed(groups.failed()));
        }
        if (result.profile() != null) {
            for (JobView.ColumnCountsView column : result.profile()) {
                proto.addProfile(ColumnCounts.newBuilder()
                        .setColumn(ColumnInfo.newBuilder().setName(column.name()).setType(column.type()))
                        .setNulls(column.nulls())
                        .setDistinct(column.distinct()));
            }
        }
        for (Map.Entry<String, Double> dimension
                : (result.dimensions() == null ? Map.<String, Double>of() : result.dimensions()).entrySet()) {
            proto.addDimensions(DimensionScore.newBuilder()
                    .setDimension(dimension(dimension.getKey()))
                    .setScore(dimension.getValue()));
        }
        return proto.build();
    }

    private static Dimension dimension(String name) {
        return Dimension.valueOf("DIMENSION_" + name.toUpperCase(Locale.ROOT));
    }
}
