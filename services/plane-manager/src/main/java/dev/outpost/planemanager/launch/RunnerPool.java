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
 */
@ApplicationScoped
public class RunnerPool {

    private static final Logger LOG = Logger.getLogger(RunnerPool.class);

    private final int maxConcurrentRunners;
    private final Duration reconcileInterval;
    private final JobRunnerLauncher launcher;
    private final LongSupplier waitingJobs;
    private final Set<RunningRunner> running = new HashSet<>();
    private ScheduledExecutorService reconciler;
    private long pending;
    private boolean stopping;

    @Inject
    RunnerPool(LauncherConfig config, JobRunnerLauncher launcher, QueueClient queues) {
        this(config.maxConcurrentRunners(), config.reconcileInterval(), launcher,
                () -> queues.approximateDepth(OutpostQueue.JOBS));
    }

    /** @param waitingJobs how many jobs wait on the queue (SQS's approximate count of visible messages) */
    RunnerPool(int maxConcurrentRunners, Duration reconcileInterval, JobRunnerLauncher launcher,
            LongSupplier waitingJobs) {
        this.maxConcurrentRunners = maxConcurrentRunners;
        this.reconcileInterval = reconcileInterval;
        this.launcher = launcher;
        this.waitingJobs = waitingJobs;
    }

    void start(@Observes StartupEvent startup) {
        reconciler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("runner-reconcile").daemon().factory());
        long period = reconcileInterval.toMillis();
        reconciler.scheduleWithFixedDelay(this::reconcile, 0, period, TimeUnit.MILLISECONDS);
    }

    /** A job was put on the queue: make sure a runner will take it. */
    public synchronized void jobQueued() {
        pending++;
        fill();
    }

    /** Runners alive now. */
    public synchronized int running() {
        return running.size();
    }

    private synchronized void fill() {
        while (!stopping && pending > 0 && running.size() < maxConcurrentRunners) {
            RunningRunner runner;
            try {
                runner = launcher.launch();
            } catch (RuntimeException e) {
                // The job stays on the queue; the next reconciliation tries again.
                LOG.errorf("Could not launch a job-runner: %s", e.getMessage());
                return;
            }
            pending--;
            running.add(runner);
            LOG.infof("Launched job-runner %s (%d running, %d waiting)", runner.name(), running.size(), pending);
            runner.exit().whenComplete((code, failure) -> finished(runner, code));
        }
    }

    private void finished(RunningRunner runner, Integer code) {
        synchronized (this) {
            running.remove(runner);
        }
        if (code != null && code != 0) {
            LOG.warnf("Job-runner %s exited with %d; its job returns to the queue", runner.name(), code);
        }
        fill();
    }

    /** Launches runners for jobs waiting on the queue when none is running or about to (after restarts, crashes). */
    void reconcile() {
        try {
            synchronized (this) {
                if (pending > 0 || !running.isEmpty()) {
                    return;
                }
            }
            long waiting = waitingJobs.getAsLong();
            if (waiting > 0) {
                synchronized (this) {
                    if (pending == 0 && running.isEmpty()) {
                        LOG.infof("%d job(s) waiting on the queue with no runner; launching", waiting);
                        pending = waiting;
                        fill();
                    }
                }
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
