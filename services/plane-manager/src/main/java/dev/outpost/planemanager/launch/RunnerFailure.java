package dev.outpost.planemanager.launch;

/**
 * Why a job-runner failed, in words the person who ran the job (or the operator of the edge) can act on.
 *
 * @param code        a stable machine-readable code, sent as {@code JobFailure.code} (e.g. {@code RUNNER_IMAGE_PULL})
 * @param reason      what went wrong and what to do about it; metadata only, never data values
 * @param jobTaken    whether the runner may already have taken a job from the queue. {@code false}: it never
 *                    started, so the job message is still waiting on the queue (nobody else will ever report it);
 *                    {@code true}: the message comes back after its visibility timeout and the queue retries it
 * @param capacity    whether the failure is about capacity (a quota, no node with room): it may clear by itself
 *                    when other runners end, so it fails a waiting job only when no other runner is alive
 */
public record RunnerFailure(String code, String reason, boolean jobTaken, boolean capacity) {

    /** The runner never started (image, scheduling, creation): the cause is the same for any job. */
    public static RunnerFailure beforeStart(String code, String reason) {
        return new RunnerFailure(code, reason, false, false);
    }

    /** The runner could not start for lack of capacity (quota, nodes). */
    public static RunnerFailure noCapacity(String code, String reason) {
        return new RunnerFailure(code, reason, false, true);
    }

    /** The runner started and then failed (out of memory, deadline, a crash). */
    public static RunnerFailure afterStart(String code, String reason) {
        return new RunnerFailure(code, reason, true, false);
    }
}
