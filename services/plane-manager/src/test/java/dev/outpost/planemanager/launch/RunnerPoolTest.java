package dev.outpost.planemanager.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The pool's launching decisions, with a launcher whose runners the test ends by hand. */
class RunnerPoolTest {

    /** Runners that run until the test completes their exit. */
    private static final class ManualLauncher implements JobRunnerLauncher {
        final List<CompletableFuture<Integer>> exits = new CopyOnWriteArrayList<>();

        @Override
        public RunningRunner launch() {
            CompletableFuture<Integer> exit = new CompletableFuture<>();
            exits.add(exit);
            String name = "runner-" + exits.size();
            return new RunningRunner() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public CompletableFuture<Integer> exit() {
                    return exit;
                }

                @Override
                public void stop() {
                    exit.complete(143);
                }
            };
        }
    }

    private final ManualLauncher launcher = new ManualLauncher();
    private final AtomicLong waitingOnQueue = new AtomicLong();
    private final RunnerPool pool = new RunnerPool(2, Duration.ofHours(1), launcher, waitingOnQueue::get);

    @Test
    void noJobsNoRunners() {
        pool.reconcile();
        assertThat(launcher.exits).isEmpty();
        assertThat(pool.running()).isZero();
    }

    @Test
    void oneRunnerPerJobUpToTheCapThenTheNextWhenOneEnds() {
        for (int job = 0; job < 5; job++) {
            pool.jobQueued();
        }
        assertThat(launcher.exits).hasSize(2);
        assertThat(pool.running()).isEqualTo(2);

        launcher.exits.get(0).complete(0);
        assertThat(launcher.exits).hasSize(3);
        launcher.exits.get(1).complete(1);
        launcher.exits.get(2).complete(0);
        assertThat(launcher.exits).hasSize(5);

        launcher.exits.get(3).complete(0);
        launcher.exits.get(4).complete(0);
        assertThat(launcher.exits).as("none beyond the jobs queued").hasSize(5);
        assertThat(pool.running()).isZero();
    }

    @Test
    void jobsWaitingOnTheQueueWithoutARunnerGetOne() {
        waitingOnQueue.set(3);
        pool.reconcile();
        assertThat(launcher.exits).hasSize(2);

        pool.reconcile();
        assertThat(launcher.exits).as("no second round while runners are alive").hasSize(2);
    }

    @Test
    void stoppingEndsTheRunnersAndLaunchesNoMore() {
        pool.jobQueued();
        pool.jobQueued();
        pool.jobQueued();
        pool.stop();
        assertThat(launcher.exits).hasSize(2).allSatisfy(exit -> assertThat(exit).isCompletedWithValue(143));
        assertThat(pool.running()).isZero();
    }
    @Test
    void aReplicaThatDoesNotLeadLaunchesNothing() {
        AtomicBoolean leading = new AtomicBoolean(false);
        RunnerPool standby = new RunnerPool(2, Duration.ofHours(1), launcher, waitingOnQueue::get, leading::get,
                RunnerFailureReporter.none());
        standby.jobQueued();
        waitingOnQueue.set(3);
        standby.reconcile();
        assertThat(launcher.exits).as("the job waits on the queue for the leader").isEmpty();

        leading.set(true);
        standby.reconcile();
        assertThat(launcher.exits).as("once it leads, the queue is its work").hasSize(2);
    }

    /** Runners that fail with a given reason as soon as they are launched (after the first {@code healthy}). */
    private static final class FailingLauncher implements JobRunnerLauncher {
        final RunnerFailure failure;
        int healthy;
        int launched;

        FailingLauncher(RunnerFailure failure, int healthy) {
            this.failure = failure;
            this.healthy = healthy;
        }

        @Override
        public RunningRunner launch() {
            launched++;
            boolean fails = launched > healthy;
            int number = launched;
            return new RunningRunner() {
                @Override
                public String name() {
                    return "runner-" + number;
                }

                @Override
                public CompletableFuture<Integer> exit() {
                    return fails ? CompletableFuture.completedFuture(1) : new CompletableFuture<>();
                }

                @Override
                public void stop() {
                }

                @Override
                public Optional<RunnerFailure> failure() {
                    return fails ? Optional.of(failure) : Optional.empty();
                }
            };
        }
    }

    @Test
    void aRunnerThatNeverStartedFailsOneWaitingJobWithItsReason() {
        RunnerFailure imagePull = RunnerFailure.beforeStart("RUNNER_IMAGE_PULL", "image does not pull");
        FailingLauncher failing = new FailingLauncher(imagePull, 0);
        List<String> reported = new CopyOnWriteArrayList<>();
        RunnerPool failingPool = new RunnerPool(2, Duration.ofHours(1), failing, waitingOnQueue::get,
                Leadership.always(), (runner, failure) -> reported.add(runner + ": " + failure.code()));

        failingPool.jobQueued();
        failingPool.jobQueued();

        assertThat(reported).as("one failed runner fails one waiting job").containsExactly(
                "runner-1: RUNNER_IMAGE_PULL", "runner-2: RUNNER_IMAGE_PULL");
        assertThat(failing.launched).as("no launch loop on a broken template").isEqualTo(2);
        assertThat(failingPool.running()).isZero();
    }

    @Test
    void aQuotaFailureWaitsWhileAnotherRunnerIsAliveAndFailsAJobWhenNoneIs() {
        RunnerFailure quota = RunnerFailure.noCapacity("RUNNER_QUOTA_EXCEEDED", "quota");
        FailingLauncher failing = new FailingLauncher(quota, 1);
        List<String> reported = new CopyOnWriteArrayList<>();
        RunnerPool quotaPool = new RunnerPool(3, Duration.ofHours(1), failing, waitingOnQueue::get,
                Leadership.always(), (runner, failure) -> reported.add(runner + ": " + failure.code()));

        quotaPool.jobQueued(); // runs
        quotaPool.jobQueued(); // blocked by the quota while the first runs: waits
        assertThat(reported).as("capacity frees when the running one ends").isEmpty();
        assertThat(quotaPool.running()).isEqualTo(1);

        RunnerPool alone = new RunnerPool(3, Duration.ofHours(1), new FailingLauncher(quota, 0), waitingOnQueue::get,
                Leadership.always(), (runner, failure) -> reported.add(runner + ": " + failure.code()));
        alone.jobQueued();
        assertThat(reported).as("nothing else runs: the quota blocks every runner").containsExactly(
                "runner-1: RUNNER_QUOTA_EXCEEDED");
    }

    @Test
    void aRejectedLaunchFailsAWaitingJobAndIsNotRetriedInALoop() {
        RunnerFailure invalid = RunnerFailure.beforeStart("RUNNER_INVALID_TEMPLATE", "bad template");
        List<String> reported = new CopyOnWriteArrayList<>();
        AtomicLong attempts = new AtomicLong();
        RunnerPool rejecting = new RunnerPool(2, Duration.ofHours(1), () -> {
            attempts.incrementAndGet();
            throw new RunnerLaunchException(invalid, null);
        }, waitingOnQueue::get, Leadership.always(), (runner, failure) -> reported.add(failure.code()));

        rejecting.jobQueued();
        assertThat(reported).containsExactly("RUNNER_INVALID_TEMPLATE");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aLaunchThatFailedForAnUnknownReasonIsRetriedByTheNextReconciliation() {
        AtomicLong attempts = new AtomicLong();
        RunnerPool flaky = new RunnerPool(2, Duration.ofHours(1), () -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("API server unreachable");
            }
            return launcher.launch();
        }, waitingOnQueue::get);

        flaky.jobQueued();
        assertThat(launcher.exits).isEmpty();
        flaky.reconcile();
        assertThat(launcher.exits).hasSize(1);
    }
}
