package dev.outpost.planemanager.launch;

import java.util.concurrent.CompletableFuture;

/** A job-runner that a launcher started. */
public interface RunningRunner {

    /** A name for logs (a process id, a Kubernetes Job name). */
    String name();

    /** Completes with the exit code when the runner ends. */
    CompletableFuture<Integer> exit();

    /** Asks the runner to stop; its job message returns to the queue and is retried. */
    void stop();
}
