package dev.outpost.planemanager.launch;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

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

    private final LauncherConfig config;
    private final QueueClient queues;
    private final Set<RunningRunner> running = new HashSet<>();
    private JobRunnerLauncher launcher;
    private ScheduledExecutorService reconciler;
    private long pending;
    private boolean stopping;

    RunnerPool(LauncherConfig config, QueueClient queues) {
        this.config = config;
        this.queues = queues;
    }

    void start(@Observes StartupEvent startup) {
        launcher = switch (config.kind()) {
            case "local" -> new LocalProcessLauncher(config.local().command().orElseThrow(() -> new IllegalStateException(
                    "outpost.launcher.local.command is not set: give the command that starts one job-runner")),
                    config.local().logDir().orElse(Path.of(System.getProperty("java.io.tmpdir"))));
            default -> throw new IllegalStateException("outpost.launcher.kind '" + config.kind()
                    + "' is not supported: use 'local'");
        };
        reconciler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("runner-reconcile").daemon().factory());
        long period = config.reconcileInterval().toMillis();
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
        while (!stopping && pending > 0 && running.size() < config.maxConcurrentRunners()) {
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

    private void reconcile() {
        try {
            synchronized (this) {
                if (pending > 0 || !running.isEmpty()) {
                    return;
                }
            }
            long waiting = queues.approximateDepth(OutpostQueue.JOBS);
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
        running.forEach(RunningRunner::stop);
    }
}
