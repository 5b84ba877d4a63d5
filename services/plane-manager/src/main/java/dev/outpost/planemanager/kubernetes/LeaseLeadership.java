package dev.outpost.planemanager.kubernetes;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import dev.outpost.planemanager.launch.Leadership;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;

/**
 * Leadership among plane-manager replicas, held through a {@code coordination.k8s.io/v1} Lease with fabric8's
 * {@code LeaderElector}. The leader renews the Lease every retry period; when it dies (or cannot reach the API
 * server for the renew deadline) it stops leading, and another replica acquires the Lease once it expires. On a
 * clean shutdown the Lease is released at once, so the other replica takes over within one retry period.
 *
 * <p>fabric8's election ends for good once its replica stops leading (the renew deadline passed, the Lease was taken,
 * or it failed); as only the leader launches, every replica could end up idle. So while this replica is open it
 * rejoins an ended election, after a delay that doubles from the retry period up to the lease duration.
 *
 * <p>A replica that lost the Lease stops launching; runners it already started keep running to the end (their Jobs
 * do not depend on plane-manager), and the new leader's reconciliation sees only jobs nobody took.
 *
 * <p>Tested against the fabric8 mock server; a real cluster path: set {@code outpost.launcher.kind=kubernetes} in
 * the chart (the chart's Role must allow get, create and update on {@code leases}).
 */
public final class LeaseLeadership implements Leadership, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LeaseLeadership.class);

    private final KubernetesClient client;
    private final LeaderElectionConfig config;
    private final String identity;
    private final String leaseName;
    private final Duration retryPeriod;
    private final Duration longestRejoinDelay;
    private volatile boolean leading;
    private volatile Duration rejoinDelay;
    // Guarded by this: the election under way, and whether this replica has left for good.
    private CompletableFuture<?> election;
    private boolean closed;

    /** Starts taking part in the election; {@link #close()} leaves it (and releases the Lease if held). */
    public LeaseLeadership(KubernetesClient client, String namespace, String leaseName, String identity,
            Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
        this.client = client;
        this.identity = identity;
        this.leaseName = leaseName;
        this.retryPeriod = retryPeriod;
        this.longestRejoinDelay = leaseDuration;
        this.rejoinDelay = retryPeriod;
        this.config = new LeaderElectionConfigBuilder()
                .withName(leaseName)
                .withLock(new LeaseLock(namespace, leaseName, identity))
                .withLeaseDuration(leaseDuration)
                .withRenewDeadline(renewDeadline)
                .withRetryPeriod(retryPeriod)
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(this::started, this::stopped, this::newLeader))
                .build();
        elect();
    }

    private synchronized void elect() {
        if (closed) {
            return;
        }
        CompletableFuture<?> underWay;
        try {
            underWay = client.leaderElector().withConfig(config).build().start();
        } catch (RuntimeException e) {
            underWay = CompletableFuture.failedFuture(e); // rejoined later like any other ended election
        }
        election = underWay;
        CompletableFuture<?> ended = underWay;
        ended.whenComplete((done, failure) -> ended(ended, failure));
    }

    private void ended(CompletableFuture<?> ended, Throwable failure) {
        leading = false;
        synchronized (this) {
            if (closed || ended.isCancelled()) {
                return;
            }
        }
        Duration delay = rejoinDelay;
        Duration doubled = delay.multipliedBy(2);
        rejoinDelay = doubled.compareTo(longestRejoinDelay) > 0 ? longestRejoinDelay : doubled;
        if (failure != null) {
            LOG.errorf(failure, "Leader election on Lease %s failed; %s rejoins it in %d ms", leaseName, identity,
                    delay.toMillis());
        } else {
            LOG.warnf("Leader election on Lease %s ended (the Lease was lost or could not be renewed); %s rejoins it "
                    + "in %d ms", leaseName, identity, delay.toMillis());
        }
        CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS).execute(this::elect);
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
        rejoinDelay = retryPeriod;
        LOG.infof("%s leads (Lease %s): it launches job-runners", identity, leaseName);
    }

    private void stopped() {
        leading = false;
        LOG.infof("%s no longer leads (Lease %s): it stops launching job-runners", identity, leaseName);
    }

    private void newLeader(String leader) {
        // A released Lease has no holder: nobody leads until someone acquires it.
        if (leader != null && !identity.equals(leader)) {
            LOG.infof("%s leads (Lease %s); this replica %s stands by", leader, leaseName, identity);
        }
    }

    @Override
    public void close() {
        CompletableFuture<?> left;
        synchronized (this) {
            closed = true;
            left = election;
        }
        leading = false;
        left.cancel(true);
    }
}
