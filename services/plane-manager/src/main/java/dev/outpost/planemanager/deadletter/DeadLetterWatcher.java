package dev.outpost.planemanager.deadletter;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.google.protobuf.Message;

import org.jboss.logging.Logger;

import dev.outpost.planemanager.launch.Leadership;
import dev.outpost.proto.job.v1.JobEvent;
import dev.outpost.proto.job.v1.JobFailure;
import dev.outpost.proto.job.v1.JobRequest;
import dev.outpost.sqs.OutpostQueue;
import dev.outpost.sqs.QueueClient;
import dev.outpost.sqs.QueueTopology;
import dev.outpost.sqs.Received;
import io.quarkus.runtime.StartupEvent;

/**
 * Ends what SQS gave up on, so that no job waits forever on the control side. Only the leading replica reads the
 * dead-letter queues ({@link Leadership}).
 *
 * <ul>
 * <li><b>A dead-lettered job</b> ({@code jobs-dlq}): its runners took it {@link QueueTopology#MAX_RECEIVE_COUNT}
 * times and none finished (killed for memory, node lost, a crash). A {@code JobFailure} ({@value #DEAD_LETTERED})
 * is put on {@code job-events}, and only then is the message deleted. The event id is derived from the message id,
 * so if this replica dies between the two steps the repeated event is applied once; a job that did finish on its
 * last attempt stays finished (control-api never moves a finished job backwards).</li>
 * <li><b>A dead-lettered job event</b> ({@code job-events-dlq}): forwarded three times without control-api's
 * acknowledgement, which means a flapping link, not a bad event. It is put back on {@code job-events}, where the
 * forwarder sends it again once linked (control-api applies each event id once), at most
 * {@link DeadLetterConfig#maxEventReturns()} times; then it stays on the dead-letter queue for an operator.</li>
 * </ul>
 *
 * <p>The {@code interactive}, {@code results} and {@code replies} dead-letter queues are left to the operator: a
 * request or reply reaches them only after several visibility timeouts (≥ 90 s), long after control-api stopped
 * waiting and told the person that the edge did not answer, so nobody is left waiting for them.
 */
@ApplicationScoped
public class DeadLetterWatcher {

    /** The {@code JobFailure.code} of a job whose message was dead-lettered. */
    public static final String DEAD_LETTERED = "JOB_DEAD_LETTERED";

    private static final Logger LOG = Logger.getLogger(DeadLetterWatcher.class);
    /** Time to handle a batch before its messages become visible on the dead-letter queue again. */
    private static final Duration CLAIM = Duration.ofSeconds(60);
    /** Keeps an event given up on out of the next checks, so its error is not repeated every interval. */
    private static final Duration SET_ASIDE = Duration.ofHours(6);
    /** Messages handled per queue and check, so one full queue cannot starve the other. */
    private static final int BATCHES_PER_CHECK = 10;

    private final QueueClient queues;
    private final Leadership leadership;
    private final DeadLetterConfig config;
    private ScheduledExecutorService checker;

    DeadLetterWatcher(QueueClient queues, Leadership leadership, DeadLetterConfig config) {
        this.queues = queues;
        this.leadership = leadership;
        this.config = config;
    }

    void start(@Observes StartupEvent startup) {
        checker = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("dead-letters").daemon().factory());
        long period = config.checkInterval().toMillis();
        checker.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    /** Reads both dead-letter queues once, if this replica leads (what the periodic check runs). */
    public synchronized void check() {
        try {
            if (leadership.isLeader()) {
                drain(OutpostQueue.JOBS, JobRequest.getDefaultInstance(), this::failJob);
            }
            if (leadership.isLeader()) {
                drain(OutpostQueue.JOB_EVENTS, JobEvent.getDefaultInstance(), this::returnEvent);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Reading the dead-letter queues failed; retrying in %d s: %s", config.checkInterval().toSeconds(),
                    e.getMessage());
        }
    }

    /** Hands every dead letter of {@code queue} (up to a bound per check) to {@code handler}. */
    private <T extends Message> void drain(OutpostQueue queue, T prototype, Consumer<Received<T>> handler) {
        for (int batch = 0; batch < BATCHES_PER_CHECK; batch++) {
            List<Received<T>> deadLetters = queues.receiveDeadLetters(queue, prototype, 10, Duration.ZERO, CLAIM);
            if (deadLetters.isEmpty()) {
                return;
            }
            deadLetters.forEach(handler);
        }
    }

    private void failJob(Received<JobRequest> job) {
        String jobId = job.body().getSpec().getJobId();
        if (jobId.isEmpty()) {
            LOG.errorf("Dead-lettered message %s on the jobs queue names no job; it is left there for an operator",
                    job.messageId());
            queues.extendVisibility(job, SET_ASIDE);
            return;
        }
        queues.send(OutpostQueue.JOB_EVENTS, JobEvent.newBuilder()
                .setEventId("dead-lettered-" + job.messageId())
                .setJobId(jobId)
                .setOccurredAtMillis(System.currentTimeMillis())
                .setFailed(JobFailure.newBuilder().setCode(DEAD_LETTERED).setReason(reason()))
                .build());
        queues.delete(job);
        LOG.errorf("Job %s failed: its message was dead-lettered after %d receives without the job completing",
                jobId, QueueTopology.MAX_RECEIVE_COUNT);
    }

    private static String reason() {
        return "The job was taken by a job-runner " + QueueTopology.MAX_RECEIVE_COUNT + " times and no runner "
                + "finished it: each stopped before reporting a result (killed for lack of memory, its node lost, or "
                + "a crash), so the queue gave up on it. Look at the job-runner logs on the edge (kubectl logs of the "
                + "job's runner Jobs, or the runner log directory in the embedded mode); if the runners were "
                + "OOMKilled, give job-runners more memory (the edge chart's job-runner resources) or scan less data "
                + "per job, then run the job again.";
    }

    private void returnEvent(Received<JobEvent> event) {
        if (event.returns() >= config.maxEventReturns()) {
            LOG.errorf("Job event %s of job %s was put back on job-events %d times and still not acknowledged by "
                    + "control-api; it stays on the job-events dead-letter queue for an operator (message %s)",
                    event.body().getEventId(), event.body().getJobId(), event.returns(), event.messageId());
            queues.extendVisibility(event, SET_ASIDE);
            return;
        }
        queues.returnToQueue(event);
        LOG.warnf("Job event %s of job %s was dead-lettered without control-api's acknowledgement (a flapping "
                + "link); put back on job-events (return %d of %d)", event.body().getEventId(),
                event.body().getJobId(), event.returns() + 1, config.maxEventReturns());
    }

    @PreDestroy
    void stop() {
        if (checker != null) {
            checker.shutdownNow();
        }
    }
}
