package dev.outpost.planemanager.launch;

/**
 * Whether this plane-manager replica may launch job-runners. With two replicas only the leader launches (a
 * Kubernetes Lease decides); the RunJob → queue hand-off and its acknowledgement are safe from either replica, so
 * only launching is gated.
 */
@FunctionalInterface
public interface Leadership {

    /** Leading now. */
    boolean isLeader();

    /** Always leading: one replica, no election (the local-process launcher). */
    static Leadership always() {
        return () -> true;
    }
}
