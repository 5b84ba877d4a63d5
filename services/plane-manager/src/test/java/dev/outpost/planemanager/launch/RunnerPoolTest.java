package dev.outpost.planemanager.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
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
}
