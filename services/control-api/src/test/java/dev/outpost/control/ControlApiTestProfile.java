package dev.outpost.control;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.outpost.control.auth.ApiKeyTokens;

import dev.outpost.testsupport.PostgresTestResource;
import dev.outpost.testsupport.TlsTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The one profile of control-api's tests: a real embedded PostgreSQL, TLS from a test CA, short link timings, an
 * operator key and the bootstrap admin key of organisation {@code default}. Boots Quarkus once.
 */
public class ControlApiTestProfile implements QuarkusTestProfile {

    /** The operator key: control-api knows only its hash. */
    static final String OPERATOR_KEY = "test-operator-key-4b1d2c0e9a";
    /** Where control-api writes the admin key of organisation {@code default} at its first start. */
    static final Path ADMIN_KEY_FILE = Path.of("target", "test-bootstrap", "admin.key");

    /** Short, so a test sees a rotated token's grace period end. */
    static final Duration EDGE_TOKEN_GRACE = Duration.ofSeconds(4);
    /** The host name edges are told to reach control-api under (generated installs). */
    static final String PUBLIC_ENDPOINT = "control.outpost.test";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "outpost.control.heartbeat-interval", "2s",
                "outpost.control.outbox-poll-interval", "500ms",
                "outpost.control.interactive-timeout", "3s",
                "outpost.control.operator-key-hash", ApiKeyTokens.hash(OPERATOR_KEY),
                "outpost.control.bootstrap.admin-key-file", ADMIN_KEY_FILE.toString(),
                "outpost.control.edge-token-grace", EDGE_TOKEN_GRACE.toMillis() + "ms",
                // A version older than the newest release stays "outdated" whatever the date the tests run on.
                "outpost.control.edge-support-window", "36500d",
                "outpost.control.public-endpoint", PUBLIC_ENDPOINT,
                "quarkus.http.test-ssl-port", "0");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PostgresTestResource.class),
                new TestResourceEntry(TlsTestResource.class));
    }
}
