package dev.outpost.planemanager;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.outpost.testsupport.KeyFileTestResource;
import dev.outpost.testsupport.SqsTestResource;
import dev.outpost.testsupport.TlsTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * plane-manager against a real SQS (ElasticMQ) and a scripted control plane. The "job-runner" is a real process
 * that only records that it was started, so launching is observable without running a job.
 */
public class PlaneManagerTestProfile implements QuarkusTestProfile {

    static final String REPLICA_ID = "plane-manager-test-0";
    static final Path LAUNCHES = Path.of("target", "test-launches.log").toAbsolutePath();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "outpost.launcher.local.command", "sh,-c,echo launched >> " + LAUNCHES,
                "outpost.launcher.local.log-dir", Path.of("target", "runner-logs").toAbsolutePath().toString(),
                "outpost.launcher.reconcile-interval", "1h",
                "outpost.edge.reconnect-min", "200ms",
                "outpost.edge.reconnect-max", "1s",
                "outpost.edge.replica-id", REPLICA_ID,
                "quarkus.http.test-port", "0",
                "outpost.edge.event-ack-timeout", "5s",
                "outpost.results.bucket", "customer-results");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(SqsTestResource.class), new TestResourceEntry(KeyFileTestResource.class),
                new TestResourceEntry(TlsTestResource.class, Map.of(TlsTestResource.ROLE, "client")),
                new TestResourceEntry(ScriptedControlPlane.class));
    }
}
