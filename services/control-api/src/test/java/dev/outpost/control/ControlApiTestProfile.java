package dev.outpost.control;

import java.util.List;
import java.util.Map;

import dev.outpost.testsupport.PostgresTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;

/** The one profile of control-api's tests: a real embedded PostgreSQL, short link timings. Boots Quarkus once. */
public class ControlApiTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "outpost.control.heartbeat-interval", "2s",
                "outpost.control.outbox-poll-interval", "500ms",
                "outpost.control.interactive-timeout", "3s");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PostgresTestResource.class));
    }
}
