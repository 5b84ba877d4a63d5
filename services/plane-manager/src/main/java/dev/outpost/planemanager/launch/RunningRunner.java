package dev.outpost.planemanager.launch;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A job-runner that a launcher started. */
public interface RunningRunner {

    /** A name for logs (a process id, a Kubernetes Job name). */
    String name();

    /** Completes with the exit code when the runner ends. */
    CompletableFuture<Integer> exit();

    /** Asks the runner to stop; its job message returns to the queue and is retried. */
    void stop();

    /**
     * Why the runner failed, once {@link #exit()} completed with a non-zero code and the launcher could tell (an
     * image that does not pull, a pod killed for memory…). Empty when it succeeded or the cause is unknown.
     */
    default Optional<RunnerFailure> failure() {
        return Optional.empty();
    }
}
