package dev.outpost.planemanager.launch;

/**
 * Starts one job-runner. The runner takes one message from the jobs queue itself, so a launcher needs no job id: it
 * only has to make a runner exist. Implementations: local processes (embedded mode); Kubernetes Jobs next.
 */
public interface JobRunnerLauncher {

    /** Starts a runner; throws if it could not be started. */
    RunningRunner launch();
}
