package dev.outpost.planemanager.command;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.outpost.planemanager.EdgeIdentity;
import dev.outpost.planemanager.egress.EgressAudit;
import dev.outpost.planemanager.egress.EgressClass;
import dev.outpost.planemanager.egress.EgressPolicy;
import dev.outpost.planemanager.launch.RunnerPool;
import dev.outpost.proto.edgelink.v1.Command;
import dev.outpost.proto.interactive.v1.InteractiveError;
import dev.outpost.proto.interactive.v1.InteractiveReply;
import dev.outpost.proto.interactive.v1.InteractiveRequest;
import dev.outpost.proto.job.v1.JobEvent;
import dev.outpost.proto.job.v1.JobFailure;
import dev.outpost.proto.job.v1.JobRequest;
import dev.outpost.proto.job.v1.JobSpec;
import dev.outpost.sqs.OutpostQueue;
import dev.outpost.sqs.QueueClient;

/**
 * Makes a command from control-api durable on the edge. Returning normally means it is on its queue and may be
 * acknowledged; throwing means it is not, and control-api must send it again.
 *
 * <p>An interactive request whose answer the edge's egress policy keeps in (or whose kind this plane-manager cannot
 * classify) never reaches its service: its answer is a {@code REFUSED_BY_POLICY} error, put on the {@code replies}
 * queue so that it travels back to the person who asked like any other reply, and is audited as it leaves. A job
 * whose result the policy keeps in (a metadata import while the catalog may not leave) never reaches a runner: it
 * fails with {@code REFUSED_BY_POLICY} through the {@code job-events} queue.
 */
@ApplicationScoped
public class CommandHandler {

    /** The error code of a request the edge's egress policy refuses. */
    public static final String REFUSED_BY_POLICY = "REFUSED_BY_POLICY";

    private static final Logger LOG = Logger.getLogger(CommandHandler.class);

    private final QueueClient queues;
    private final RunnerPool runners;
    private final EgressPolicy policy;
    private final EgressAudit audit;
    private final EdgeIdentity identity;

    CommandHandler(QueueClient queues, RunnerPool runners, EgressPolicy policy, EgressAudit audit,
            EdgeIdentity identity) {
        this.queues = queues;
        this.runners = runners;
        this.policy = policy;
        this.audit = audit;
        this.identity = identity;
    }

    public void handle(Command command) {
        switch (command.getKindCase()) {
            case RUN_JOB -> {
                JobSpec spec = command.getRunJob().getSpec();
                Optional<String> refusal = refusal(command);
                if (refusal.isPresent()) {
                    LOG.infof("Refused %s job %s: %s", spec.getKind(), spec.getJobId(), refusal.get());
                    // Through job-events like a runner's outcome, so the job ends FAILED for whoever submitted it.
                    queues.send(OutpostQueue.JOB_EVENTS, JobEvent.newBuilder()
                            .setEventId(UUID.randomUUID().toString())
                            .setJobId(spec.getJobId())
                            .setOccurredAtMillis(System.currentTimeMillis())
                            .setFailed(JobFailure.newBuilder().setCode(REFUSED_BY_POLICY).setReason(refusal.get()))
                            .build());
                    return;
                }
                queues.send(OutpostQueue.JOBS, JobRequest.newBuilder()
                        .setSpec(spec)
                        .setEnqueuedAtMillis(System.currentTimeMillis())
                        .build());
                runners.jobQueued();
            }
            case INTERACTIVE -> {
                InteractiveRequest request = command.getInteractive();
                audit.requested(request);
                Optional<String> refusal = refusal(command);
                if (refusal.isPresent()) {
                    LOG.infof("Refused %s request %s: %s", request.getKindCase(), request.getRequestId(),
                            refusal.get());
                    queues.send(OutpostQueue.REPLIES, InteractiveReply.newBuilder()
                            .setRequestId(request.getRequestId()).setError(InteractiveError.newBuilder()
                                    .setCode(REFUSED_BY_POLICY).setMessage(refusal.get()))
                            .build());
                } else {
                    queues.send(serviceQueue(request), request);
                }
            }
            // Acknowledged anyway: refusing it would make control-api resend it forever and block the outbox.
            case KIND_NOT_SET -> LOG.errorf("Command %d has a kind this plane-manager does not know; upgrade "
                    + "plane-manager to match control-api", command.getSeq());
        }
    }

    /**
     * The queue of the service that answers {@code request}: results-reader for what reads a job's sealed results,
     * metadata-browser for what reads a data source. Every kind is listed, so a new one cannot go unrouted.
     */
    static OutpostQueue serviceQueue(InteractiveRequest request) {
        return switch (request.getKindCase()) {
            case READ_FAILING_ROWS, READ_PROFILE, READ_FAILING_GROUPS -> OutpostQueue.RESULTS;
            case BROWSE_FILES, TEST_CONNECTION, BROWSE, PREVIEW, KIND_NOT_SET -> OutpostQueue.INTERACTIVE;
        };
    }

    /** Why the edge's egress policy refuses {@code command}, for the person who asked; empty when it allows it. */
    private Optional<String> refusal(Command command) {
        Optional<EgressClass> egress = EgressPolicy.classOf(command);
        if (egress.isEmpty()) {
            return Optional.of("edge " + identity.edgeId() + " does not know this kind of request, so its "
                    + "egress policy cannot allow its answer to leave: upgrade plane-manager to match control-api");
        }
        if (policy.allows(egress.get())) {
            return Optional.empty();
        }
        return Optional.of("edge " + identity.edgeId() + " does not let " + egress.get().description()
                + " leave its compute plane (" + egress.get().setting() + "=false in the edge's configuration): ask "
                + "the edge's operators to allow it, or look at the data inside the customer's environment");
    }
}
