package dev.outpost.planemanager.kubernetes;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.jboss.logging.Logger;

import dev.outpost.planemanager.launch.Leadership;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;

/**
 * Leadership among plane-manager replicas, held through a {@code coordination.k8s.io/v1} Lease with fabric8's
 * {@code LeaderElector}. The leader renews the Lease every retry period; when it dies (or cannot reach the API
 * server for the renew deadline) it stops leading, and another replica acquires the Lease once it expires. On a
 * clean shutdown the Lease is released at once, so the other replica takes over within one retry period.
 *
 * <p>A replica that lost the Lease stops launching; runners it already started keep running to the end (their Jobs
 * do not depend on plane-manager), and the new leader's reconciliation sees only jobs nobody took.
 *
 * <p>Tested against the fabric8 mock server; a real cluster path: set {@code outpost.launcher.kind=kubernetes} in
 * the chart (the chart's Role must allow get, create and update on {@code leases}).
 */
public final class LeaseLeadership implements Leadership, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LeaseLeadership.class);

    private final String identity;
    private final String leaseName;
    private final CompletableFuture<?> election;
    private volatile boolean leading;

    /** Starts taking part in the election; {@link #close()} leaves it (and releases the Lease if held). */
    public LeaseLeadership(KubernetesClient client, String namespace, String leaseName, String identity,
            Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
        this.identity = identity;
        this.leaseName = leaseName;
        this.election = client.leaderElector()
                .withConfig(new LeaderElectionConfigBuilder()
                        .withName(leaseName)
                        .withLock(new LeaseLock(namespace, leaseName, identity))
                        .withLeaseDuration(leaseDuration)
                        .withRenewDeadline(renewDeadline)
                        .withRetryPeriod(retryPeriod)
                        .withReleaseOnCancel(true)
                        .withLeaderCallbacks(new LeaderCallbacks(this::started, this::stopped, this::newLeader))
                        .build())
                .build()
                .start();
        election.whenComplete((done, failure) -> {
            leading = false;
            if (failure != null && !election.isCancelled()) {
                LOG.errorf(failure, "Leader election on Lease %s ended: this replica no longer launches job-runners",
                        leaseName);
            }
        });
    }

    @Override
    public boolean isLeader() {
        return leading;
    }

    /** This replica's name in the Lease. */
    public String identity() {
        return identity;
    }

    private void started() {
        leading = true;
        LOG.infof("%s leads (Lease %s): it launches job-runners", identity, leaseName);
    }

    private void stopped() {
        leading = false;
        LOG.infof("%s no longer leads (Lease %s): it stops launching job-runners", identity, leaseName);
    }

    private void newLeader(String leader) {
        if (!identity.equals(leader)) {
            LOG.infof("%s leads (Lease %s); this replica %s stands by", leader, leaseName, identity);
        }
    }

    @Override
    public void close() {
        leading = false;
        election.cancel(true);
    }
}
