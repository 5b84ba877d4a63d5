package dev.outpost.planemanager.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;

/** Two plane-manager replicas electing a launcher through one Lease on fabric8's mock server (CRUD mode). */
@EnableKubernetesMockClient(crud = true)
class LeaseLeadershipTest {

    private static final String NS = "outpost";

    KubernetesClient client;

    private LeaseLeadership first;
    private LeaseLeadership second;

    private LeaseLeadership replica(String identity) {
        return new LeaseLeadership(client, NS, "outpost-plane-manager", identity, Duration.ofSeconds(2),
                Duration.ofMillis(1500), Duration.ofMillis(200));
    }

    @AfterEach
    void leave() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
    }

    @Test
    void onlyOneReplicaLeadsAndTheOtherTakesOverWhenItStops() throws Exception {
        first = replica("plane-manager-0");
        await(first::isLeader, "the first replica leads");
        second = replica("plane-manager-1");
        Thread.sleep(1000); // several retry periods: the second one tries and fails to take the Lease
        assertThat(second.isLeader()).as("one leader at a time").isFalse();
        assertThat(first.isLeader()).isTrue();
        Lease lease = client.leases().inNamespace(NS).withName("outpost-plane-manager").get();
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("plane-manager-0");

        first.close();
        assertThat(first.isLeader()).isFalse();
        await(second::isLeader, "the second replica takes over");
        assertThat(client.leases().inNamespace(NS).withName("outpost-plane-manager").get().getSpec()
                .getHolderIdentity()).isEqualTo("plane-manager-1");
    }

    @Test
    void aReplicaWhoseElectionEndedRejoinsItAndLeadsAgain() throws Exception {
        first = replica("plane-manager-0");
        await(first::isLeader, "the replica leads");

        // Another holder takes the Lease (as after a partition): the renewal fails and fabric8's election ends.
        await(() -> tryToTakeLease("plane-manager-gone"), "another holder takes the Lease");
        await(() -> !first.isLeader(), "the replica stops leading");

        // Nobody renews the taken Lease: once it expires, the rejoined replica acquires it again.
        await(first::isLeader, "the replica leads again");
        assertThat(client.leases().inNamespace(NS).withName("outpost-plane-manager").get().getSpec()
                .getHolderIdentity()).isEqualTo("plane-manager-0");
    }

    /** False when the replica renewed the Lease between our read and our write (409), so the caller tries again. */
    private boolean tryToTakeLease(String holder) {
        try {
            client.leases().inNamespace(NS).withName("outpost-plane-manager").edit(lease -> {
                lease.getSpec().setHolderIdentity(holder);
                return lease;
            });
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return false;
            }
            throw e;
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
