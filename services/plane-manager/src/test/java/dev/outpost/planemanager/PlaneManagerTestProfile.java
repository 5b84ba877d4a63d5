package dev.outpost.planemanager;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.outpost.testsupport.KeyFileTestResource;
import dev.outpost.testsupport.S3TestResource;
import dev.outpost.testsupport.SqsTestResource;
import dev.outpost.testsupport.TlsTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * plane-manager against a real SQS (ElasticMQ), a real S3 (S3Proxy, for the egress audit log) and a scripted control
 * plane. The "job-runner" is a real process that only records that it was started, so launching is observable without
 * running a job. The egress policy keeps the catalog in, so a refusal can be observed.
 */
public class PlaneManagerTestProfile implements QuarkusTestProfile {

    static final String REPLICA_ID = "plane-manager-test-0";
    static final String RESULTS_BUCKET = "customer-results";
    static final Path LAUNCHES = Path.of("target", "test-launches.log").toAbsolutePath();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("outpost.launcher.local.command", "sh,-c,echo launched >> " + LAUNCHES),
                Map.entry("outpost.launcher.local.log-dir",
                        Path.of("target", "runner-logs").toAbsolutePath().toString()),
                Map.entry("outpost.launcher.reconcile-interval", "1h"),
                Map.entry("outpost.edge.reconnect-min", "200ms"),
                Map.entry("outpost.edge.reconnect-max", "1s"),
                Map.entry("outpost.edge.replica-id", REPLICA_ID),
                Map.entry("outpost.edge.event-ack-timeout", "5s"),
                Map.entry("outpost.edge.egress.catalog-import", "false"),
                Map.entry("outpost.edge.egress.audit.flush-interval", "200ms"),
                Map.entry("outpost.results.bucket", RESULTS_BUCKET),
                Map.entry("quarkus.http.test-port", "0"));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(SqsTestResource.class), new TestResourceEntry(S3TestResource.class),
                new TestResourceEntry(KeyFileTestResource.class),
                new TestResourceEntry(TlsTestResource.class, Map.of(TlsTestResource.ROLE, "client")),
                new TestResourceEntry(ScriptedControlPlane.class));
    }
}
