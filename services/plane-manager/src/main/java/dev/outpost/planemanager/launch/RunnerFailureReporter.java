package dev.outpost.planemanager.launch;

/** Tells the person who ran a job why its runner failed. */
public interface RunnerFailureReporter {

    /**
     * A runner failed. {@code runnerName} is the name it was launched under (a Kubernetes Job name); the reporter
     * decides which job the failure belongs to.
     */
    void runnerFailed(String runnerName, RunnerFailure failure);

    /** Reports nothing (the failure is logged by the pool). */
    static RunnerFailureReporter none() {
        return (runnerName, failure) -> {
        };
    }
}
