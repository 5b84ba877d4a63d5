package dev.outpost.planemanager.launch;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.outpost.planemanager.LauncherConfig;
import dev.outpost.sqs.OutpostQueue;
import dev.outpost.sqs.QueueClient;
import io.quarkus.runtime.StartupEvent;

/**
 * Keeps one job-runner per queued job alive, up to the concurrency cap, and none when idle. The jobs queue is the
 * source of truth: a periodic reconciliation launches runners for messages nobody is working on (after a restart
 * of plane-manager, or when a runner died and its message became visible again).
 *
 * <p>Only the leader launches ({@link Leadership}): a replica that does not lead still puts jobs on the queue, and
 * the leader's reconciliation finds them there. A runner that failed with a known reason is reported through the
 * {@link RunnerFailureReporter}; a failure for lack of capacity (a quota, no room on the nodes) fails a waiting job
 * only when no other runner is alive, since otherwise it clears when one of them ends.
 */
@ApplicationScoped
public class RunnerPool {

    private static final Logger LOG = Logger.getLogger(RunnerPool.class);

    private final int maxConcurrentRunners;
    private final Duration reconcileInterval;
    private final JobRunnerLauncher launcher;
    private final LongSupplier waitingJobs;
    private final Leadership leadership;
    private final RunnerFailureReporter reporter;
    private final Set<RunningRunner> running = new HashSet<>();
    private ScheduledExecutorService reconciler;
    private long pending;
    /** Jobs whose runner lacked capacity while others ran: launched again when one of those ends. */
    private long waitingForCapacity;
    private boolean stopping;

    @Inject
    RunnerPool(LauncherConfig config, JobRunnerLauncher launcher, QueueClient queues, Leadership leadership,
            RunnerFailureReporter reporter) {
        this(config.maxConcurrentRunners(), config.reconcileInterval(), launcher,
                () -> queues.approximateDepth(OutpostQueue.JOBS), leadership, reporter);
    }

    /** @param waitingJobs how many jobs wait on the queue (SQS's approximate count of visible messages) */
    RunnerPool(int maxConcurrentRunners, Duration reconcileInterval, JobRunnerLauncher launcher,
            LongSupplier waitingJobs) {
        this(maxConcurrentRunners, reconcileInterval, launcher, waitingJobs, Leadership.always(),
                RunnerFailureReporter.none());
    }

    RunnerPool(int maxConcurrentRunners, Duration reconcileInterval, JobRunnerLauncher launcher,
            LongSupplier waitingJobs, Leadership leadership, RunnerFailureReporter reporter) {
        this.maxConcurrentRunners = maxConcurrentRunners;
        this.reconcileInterval = reconcileInterval;
        this.launcher = launcher;
        this.waitingJobs = waitingJobs;
        this.leadership = leadership;
        this.reporter = reporter;
    }

    void start(@Observes StartupEvent startup) {
        reconciler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("runner-reconcile").daemon().factory());
        long period = reconcileInterval.toMillis();
        reconciler.scheduleWithFixedDelay(this::reconcile, 0, period, TimeUnit.MILLISECONDS);
    }

    /** A job was put on the queue: make sure a runner will take it. */
    public void jobQueued() {
        if (!leadership.isLeader()) {
            LOG.debug("A job was queued; the leading replica launches its runner");
            return;
        }
        synchronized (this) {
            pending++;
        }
        fill();
    }

    /** Runners alive now. */
    public synchronized int running() {
        return running.size();
    }

    private void fill() {
        RunnerLaunchException rejected = null;
        synchronized (this) {
            rejected = launchWhileRoom();
            if (rejected != null && reportsAJob(rejected.failure())) {
                pending--;
            } else {
                rejected = null;
            }
        }
        if (rejected != null) {
            reporter.runnerFailed("(not created)", rejected.failure());
        }
    }

    /** A failure fails a waiting job unless it is about capacity and another runner, when it ends, frees some. */
    private synchronized boolean reportsAJob(RunnerFailure failure) {
        return !failure.capacity() || running.isEmpty();
    }

    /** Launches runners for pending jobs up to the cap; returns the rejection that stopped it, if one did. */
    private synchronized RunnerLaunchException launchWhileRoom() {
        while (!stopping && pending > 0 && running.size() < maxConcurrentRunners && leadership.isLeader()) {
            RunningRunner runner;
            try {
                runner = launcher.launch();
            } catch (RunnerLaunchException e) {
                LOG.errorf("Could not launch a job-runner: %s", e.getMessage());
                return e;
            } catch (RuntimeException e) {
                // The job stays on the queue; the next reconciliation tries again.
                LOG.errorf("Could not launch a job-runner: %s", e.getMessage());
                return null;
            }
            pending--;
            running.add(runner);
            LOG.infof("Launched job-runner %s (%d running, %d waiting)", runner.name(), running.size(), pending);
            runner.exit().whenComplete((code, failure) -> finished(runner, code));
        }
        return null;
    }

    private void finished(RunningRunner runner, Integer code) {
        boolean failed = code == null || code != 0;
        RunnerFailure failure = failed ? runner.failure().orElse(null) : null;
        boolean report = false;
        boolean waitForCapacity = false;
        synchronized (this) {
            running.remove(runner);
            if (failure != null && !stopping) {
                report = reportsAJob(failure);
                if (!report && !failure.jobTaken()) {
                    // Its job still waits on the queue: the next runner that ends (or the next reconciliation)
                    // launches for it, not this moment, when the capacity is just as short.
                    waitingForCapacity++;
                    waitForCapacity = true;
                }
            }
            if (!waitForCapacity) {
                pending += waitingForCapacity;
                waitingForCapacity = 0;
            }
        }
        if (failure != null && report) {
            reporter.runnerFailed(runner.name(), failure);
        } else if (failed) {
            LOG.warnf("Job-runner %s exited with %s; its job returns to the queue%s", runner.name(), code,
                    failure == null ? "" : ": " + failure.reason());
        }
        if (!waitForCapacity) {
            fill();
        }
    }

    /** Launches runners for jobs waiting on the queue when none is running or about to (after restarts, crashes). */
    void reconcile() {
        try {
            if (!leadership.isLeader()) {
                return;
            }
            synchronized (this) {
                pending += waitingForCapacity;
                waitingForCapacity = 0;
                if (!running.isEmpty() && pending == 0) {
                    return;
                }
            }
            boolean launch = false;
            synchronized (this) {
                // pending > 0 here means an earlier launch failed: try again.
                launch = pending > 0;
            }
            if (!launch) {
                long waiting = waitingJobs.getAsLong();
                synchronized (this) {
                    if (waiting > 0 && pending == 0 && running.isEmpty()) {
                        LOG.infof("%d job(s) waiting on the queue with no runner; launching", waiting);
                        pending = waiting;
                        launch = true;
                    }
                }
            }
            if (launch) {
                fill();
            }
        } catch (RuntimeException e) {
            LOG.warnf("Reconciling runners with the jobs queue failed: %s", e.getMessage());
        }
    }

    @PreDestroy
    synchronized void stop() {
        stopping = true;
        if (reconciler != null) {
            reconciler.shutdownNow();
        }
        List.copyOf(running).forEach(RunningRunner::stop);
    }
}
