package dev.outpost.planemanager.launch;

/**
 * Whether this plane-manager replica leads. With two replicas only the leader (a Kubernetes Lease decides) holds the
 * edge's link to control-api, launches job-runners and reads the dead-letter queues; a replica that does not lead
 * stands by, ready to take over.
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
