package dev.outpost.control;

import java.util.List;
import java.util.Map;

import dev.outpost.testsupport.PostgresTestResource;
import dev.outpost.testsupport.TlsTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The one profile of control-api's tests: a real embedded PostgreSQL, TLS from a test CA, short link timings. Boots
 * Quarkus once.
 */
public class ControlApiTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "outpost.control.heartbeat-interval", "2s",
                "outpost.control.outbox-poll-interval", "500ms",
                "outpost.control.interactive-timeout", "3s",
                "quarkus.http.test-ssl-port", "0");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PostgresTestResource.class),
                new TestResourceEntry(TlsTestResource.class));
    }
}
