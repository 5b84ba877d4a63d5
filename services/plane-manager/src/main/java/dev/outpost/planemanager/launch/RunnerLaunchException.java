package dev.outpost.planemanager.launch;

/** A launcher could not start a runner for a reason a person can act on (a quota, an invalid template). */
public class RunnerLaunchException extends RuntimeException {

    private final transient RunnerFailure failure;

    public RunnerLaunchException(RunnerFailure failure, Throwable cause) {
        super(failure.reason(), cause);
        this.failure = failure;
    }

    /** Why, as it is reported for the job. */
    public RunnerFailure failure() {
        return failure;
    }
}
