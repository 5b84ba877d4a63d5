package dev.outpost.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values the chart refuses, each with a message that says what to fix (values.schema.json or _validation.tpl). */
class BadValuesTest {

    @Test
    void missingTokenAndExistingSecret() {
        assertThat(RenderedChart.failure(Map.of("edge.token", "")))
                .contains("edge.token or edge.existingSecret is required");
    }

    @Test
    void tokenAndExistingSecretTogether() {
        assertThat(RenderedChart.failure(Map.of("edge.existingSecret", "acme-edge-token")))
                .contains("set only one of edge.token and edge.existingSecret");
    }

    @Test
    void tierOutsideSML() {
        assertThat(RenderedChart.failure(Map.of("tier", "XL"))).contains("/tier").contains("'S', 'M', 'L'");
    }

    @Test
    void customDriversWithABadChecksum() {
        assertThat(RenderedChart.failure(Map.of("customDrivers.enabled", true,
                "customDrivers.source", "https://drivers.acme.example/drivers.zip",
                "customDrivers.sha256", "9F86D081884C7D659A2FEAA0C55AD015")))
                .contains("customDrivers.sha256 must be the 64-character lower-case hex SHA-256 of the drivers zip")
                .contains("9F86D081884C7D659A2FEAA0C55AD015");
    }

    @Test
    void customDriversWithoutSource() {
        assertThat(RenderedChart.failure(Map.of("customDrivers.enabled", true,
                "customDrivers.sha256", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")))
                .contains("customDrivers.enabled requires customDrivers.source");
    }

    @Test
    void unknownKeysAreRejectedAtEveryLevel() {
        assertThat(RenderedChart.failure(Map.of("replica", 3))).containsIgnoringCase("additional propert").contains("replica");
        assertThat(RenderedChart.failure(Map.of("edge.tokenn", "x"))).containsIgnoringCase("additional propert").contains("tokenn");
        assertThat(RenderedChart.failure(Map.of("keyProvider.kms.keyARN", "x"))).containsIgnoringCase("additional propert").contains("keyARN");
    }

    @Test
    void wrongTypes() {
        assertThat(RenderedChart.failure(Map.of("replicas.planeManager", "two"))).contains("replicas").contains("planeManager");
        assertThat(RenderedChart.failure(Map.of("replicas.planeManager", 0))).contains("planeManager");
        assertThat(RenderedChart.failure(Map.of("egress.previews", "no"))).contains("egress").contains("previews");
        assertThat(RenderedChart.failure(Map.of("egress.audit.prefix", "x"))).containsIgnoringCase("additional propert").contains("prefix");
    }

    @Test
    void bothOrNoKeyProvider() {
        assertThat(RenderedChart.failure(Map.of("keyProvider.localKey.existingSecret", "acme-key")))
                .contains("set only one key provider");
        assertThat(RenderedChart.failure(Map.of("keyProvider.kms.keyId", "")))
                .contains("a key provider is required");
    }

    @Test
    void requiredValuesAreNamedTogether() {
        var message = RenderedChart.failure(Map.of("controlPlane.endpoint", "", "edge.id", "", "aws.region", "",
                "buckets.results", ""));
        assertThat(message).contains("controlPlane.endpoint is required", "edge.id is required", "aws.region is required",
                "buckets.results is required");
    }

    @Test
    void weakenedSecurityContexts() {
        for (var weakened : java.util.List.<Map<String, Object>>of(
                Map.of("securityContext.allowPrivilegeEscalation", true),
                Map.of("securityContext.privileged", true),
                Map.of("podSecurityContext.runAsNonRoot", false),
                Map.of("securityContext.capabilities", Map.of("add", java.util.List.of("NET_ADMIN"))))) {
            assertThat(RenderedChart.failure(weakened)).as(weakened.toString())
                    .contains("would break the restricted Pod Security Standard");
        }
    }

    @Test
    void disruptionBudgetThatWouldBlockDrains() {
        assertThat(RenderedChart.failure(Map.of("replicas.planeManager", 1)))
                .contains("podDisruptionBudget.minAvailable (1) must be lower than replicas.planeManager (1)");
    }

    @Test
    void openTelemetryWithoutEndpointAndMalformedProxy() {
        assertThat(RenderedChart.failure(Map.of("openTelemetry.enabled", true)))
                .contains("openTelemetry.enabled requires openTelemetry.endpoint");
        assertThat(RenderedChart.failure(Map.of("proxy.httpsProxy", "proxy.corp:3128")))
                .contains("proxy.httpsProxy must look like http://host:port");
    }
}
