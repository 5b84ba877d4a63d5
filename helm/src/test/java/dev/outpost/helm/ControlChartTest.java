package dev.outpost.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.marcnuri.helm.Helm;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/** The outpost-control chart (control-api for the control plane's cluster), rendered and checked as typed objects. */
class ControlChartTest {

    private static final RenderedChart DEFAULTS = ControlChart.render(Map.of());

    @Test
    void strictLintPasses() {
        var result = new Helm(ControlChart.CHART).lint().strict().call();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
    }

    @Test
    void rendersExactlyTheControlPlaneObjects() {
        assertThat(DEFAULTS.objects).extracting(o -> o.getKind() + "/" + o.getMetadata().getName())
                .containsExactlyInAnyOrder("Deployment/outpost-control", "Service/outpost-control",
                        "PodDisruptionBudget/outpost-control", "ServiceAccount/outpost-control");
        assertThat(DEFAULTS.objects).allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo(RenderedChart.NAMESPACE));
    }

    @Test
    void atLeastTwoReplicasSpreadAcrossZonesAndNodes() {
        var deployment = ControlChart.deployment(DEFAULTS);
        assertThat(deployment.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
        var podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        var spread = deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints();
        assertThat(spread).extracting(TopologySpreadConstraint::getTopologyKey)
                .containsExactly("topology.kubernetes.io/zone", "kubernetes.io/hostname");
        assertThat(spread).extracting(TopologySpreadConstraint::getWhenUnsatisfiable)
                .containsExactly("DoNotSchedule", "ScheduleAnyway");
        assertThat(spread).allSatisfy(c -> {
            assertThat(c.getMaxSkew()).isEqualTo(1);
            assertThat(podLabels).containsAllEntriesOf(c.getLabelSelector().getMatchLabels());
        });
        assertThat(deployment.getSpec().getSelector().getMatchLabels()).isEqualTo(spread.get(0).getLabelSelector().getMatchLabels());

        var three = ControlChart.deployment(ControlChart.render(Map.of("replicas", 3, "topologySpread.zone", "ScheduleAnyway")));
        assertThat(three.getSpec().getReplicas()).isEqualTo(3);
        assertThat(three.getSpec().getTemplate().getSpec().getTopologySpreadConstraints().get(0).getWhenUnsatisfiable())
                .isEqualTo("ScheduleAnyway");
    }

    @Test
    void disruptionBudgetAndServiceSelectTheControlApiPods() {
        var podLabels = ControlChart.deployment(DEFAULTS).getSpec().getTemplate().getMetadata().getLabels();
        var budget = DEFAULTS.one(PodDisruptionBudget.class, ControlChart.RELEASE);
        assertThat(budget.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
        assertThat(podLabels).containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());

        var service = DEFAULTS.one(Service.class, ControlChart.RELEASE);
        assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getPort()).isEqualTo(443);
            assertThat(port.getTargetPort().getStrVal()).isEqualTo("https");
            assertThat(port.getAppProtocol()).isEqualTo("https");
        });
        assertThat(container(DEFAULTS).getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("https");
            assertThat(port.getContainerPort()).isEqualTo(8443);
        });

        var exposed = ControlChart.render(Map.of("service.type", "LoadBalancer", "service.port", 8443,
                "podDisruptionBudget.enabled", false));
        assertThat(exposed.one(Service.class, ControlChart.RELEASE).getSpec().getType()).isEqualTo("LoadBalancer");
        assertThat(exposed.one(Service.class, ControlChart.RELEASE).getSpec().getPorts().get(0).getPort()).isEqualTo(8443);
        assertThat(exposed.all(PodDisruptionBudget.class)).isEmpty();
    }

    /** The port serves TLS only, so the kubelet must probe over HTTPS or every probe fails. */
    @Test
    void probesUseHttpsOnTheTlsPort() {
        var container = container(DEFAULTS);
        var probes = Map.of("/q/health/started", container.getStartupProbe(), "/q/health/live", container.getLivenessProbe(),
                "/q/health/ready", container.getReadinessProbe());
        probes.forEach((path, probe) -> {
            assertThat(probe).as(path).isNotNull();
            assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
            assertThat(probe.getHttpGet().getScheme()).isEqualTo("HTTPS");
            assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("https");
        });
        Probe startup = container.getStartupProbe();
        assertThat(startup.getPeriodSeconds() * startup.getFailureThreshold()).as("seconds allowed for the first migration")
                .isGreaterThanOrEqualTo(300);
    }

    @Test
    void databaseComesFromASecretAndTlsFromMountedFiles() {
        var env = DEFAULTS.env(container(DEFAULTS));
        assertThat(env).containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "secret:outpost-control-database/jdbc-url")
                .containsEntry("QUARKUS_DATASOURCE_USERNAME", "secret:outpost-control-database/username")
                .containsEntry("QUARKUS_DATASOURCE_PASSWORD", "secret:outpost-control-database/password")
                .containsEntry("OUTPOST_CONTROL_TLS_CERTIFICATE", "/etc/outpost/tls/tls.crt")
                .containsEntry("OUTPOST_CONTROL_TLS_KEY", "/etc/outpost/tls/tls.key");
        assertThat(container(DEFAULTS).getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getMountPath()).isEqualTo("/etc/outpost/tls");
            assertThat(m.getReadOnly()).isTrue();
        });
        var tls = pod(DEFAULTS).getVolumes().stream().filter(v -> v.getName().equals("tls")).findFirst().orElseThrow();
        assertThat(tls.getSecret().getSecretName()).isEqualTo("outpost-control-tls");
        assertThat(tls.getSecret().getDefaultMode()).isEqualTo(0400);
        assertThat(tls.getSecret().getItems()).extracting(i -> i.getKey() + "->" + i.getPath())
                .containsExactly("tls.crt->tls.crt", "tls.key->tls.key");

        var custom = ControlChart.render(Map.of("database.existingSecret", "rds-outpost", "database.jdbcUrlKey", "url",
                "database.usernameKey", "user", "database.passwordKey", "pass", "tls.existingSecret", "control-cert",
                "tls.certificateKey", "fullchain.pem", "tls.privateKeyKey", "key.pem"));
        assertThat(custom.env(container(custom))).containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "secret:rds-outpost/url")
                .containsEntry("QUARKUS_DATASOURCE_USERNAME", "secret:rds-outpost/user")
                .containsEntry("QUARKUS_DATASOURCE_PASSWORD", "secret:rds-outpost/pass")
                .containsEntry("OUTPOST_CONTROL_TLS_KEY", "/etc/outpost/tls/tls.key");
        var customTls = pod(custom).getVolumes().stream().filter(v -> v.getName().equals("tls")).findFirst().orElseThrow();
        assertThat(customTls.getSecret().getSecretName()).isEqualTo("control-cert");
        assertThat(customTls.getSecret().getItems()).extracting(i -> i.getKey() + "->" + i.getPath())
                .containsExactly("fullchain.pem->tls.crt", "key.pem->tls.key");
    }

    /** What control-api writes into each edge's generated install, and the operator key that creates organisations. */
    @Test
    void edgeInstallSettingsAndOperatorKey() {
        var defaults = DEFAULTS.env(container(DEFAULTS));
        assertThat(defaults).containsEntry("OUTPOST_CONTROL_PUBLIC_PORT", "443")
                .containsEntry("OUTPOST_CONTROL_EDGE_CHART", "oci://ghcr.io/outpost-dev/charts/outpost-edge")
                .doesNotContainKeys("OUTPOST_CONTROL_PUBLIC_ENDPOINT", "OUTPOST_CONTROL_PUBLIC_CA_BUNDLE",
                        "OUTPOST_CONTROL_OPERATOR_KEY_HASH");

        var ca = "-----BEGIN CERTIFICATE-----\nMIIB...\n-----END CERTIFICATE-----\n";
        var set = ControlChart.render(Map.of("edges.publicEndpoint", "outpost.acme.example", "edges.publicPort", 8443,
                "edges.caBundle", ca, "edges.chart", "oci://registry.acme.example/charts/outpost-edge",
                "operator.keyHashSecret", "outpost-operator"));
        assertThat(set.env(container(set))).containsEntry("OUTPOST_CONTROL_PUBLIC_ENDPOINT", "outpost.acme.example")
                .containsEntry("OUTPOST_CONTROL_PUBLIC_PORT", "8443")
                .containsEntry("OUTPOST_CONTROL_EDGE_CHART", "oci://registry.acme.example/charts/outpost-edge")
                .containsEntry("OUTPOST_CONTROL_PUBLIC_CA_BUNDLE", "/etc/outpost/edge-ca/ca.crt")
                .containsEntry("OUTPOST_CONTROL_OPERATOR_KEY_HASH", "secret:outpost-operator/key-hash");
        assertThat(set.one(ConfigMap.class, ControlChart.RELEASE + "-edge-ca").getData()).containsExactly(entry("ca.crt", ca));
        assertThat(container(set).getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/etc/outpost/edge-ca"));
        assertThat(pod(set).getVolumes()).filteredOn(v -> v.getConfigMap() != null)
                .extracting(v -> v.getConfigMap().getName()).containsExactly(ControlChart.RELEASE + "-edge-ca");
        assertThat(ControlChart.deployment(set).getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/edge-ca"))
                .as("a new CA rolls the pods").isNotEqualTo(ControlChart.deployment(DEFAULTS).getSpec().getTemplate()
                        .getMetadata().getAnnotations().get("checksum/edge-ca"));
    }

    @Test
    void restrictedPodSecurityStandardAndNoApiToken() {
        var pod = pod(DEFAULTS);
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        var security = container(DEFAULTS).getSecurityContext();
        assertThat(security.getReadOnlyRootFilesystem()).isTrue();
        assertThat(security.getAllowPrivilegeEscalation()).isFalse();
        assertThat(security.getRunAsNonRoot()).isTrue();
        assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(container(DEFAULTS).getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
        assertThat(pod.getVolumes()).anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo("tmp");
            assertThat(v.getEmptyDir()).isNotNull();
        });
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getServiceAccountName()).isEqualTo(ControlChart.RELEASE);
        assertThat(DEFAULTS.one(ServiceAccount.class, ControlChart.RELEASE).getAutomountServiceAccountToken()).isFalse();
    }

    @Test
    void imageFollowsTheEdgeChartsLayout() {
        assertThat(container(DEFAULTS).getImage()).isEqualTo("ghcr.io/outpost-dev/outpost/control-api:0.1.0");
        var mirrored = ControlChart.render(Map.of("image.registry", "registry.acme.example", "image.tag", "0.1.1",
                "image.pullSecrets", List.of("mirror-pull")));
        assertThat(container(mirrored).getImage()).isEqualTo("registry.acme.example/outpost-dev/outpost/control-api:0.1.1");
        assertThat(pod(mirrored).getImagePullSecrets()).extracting(r -> r.getName()).containsExactly("mirror-pull");
    }

    @Test
    void badValuesFailWithWhatToFix() {
        assertThat(ControlChart.failure(Map.of("replicas", 1))).contains("replicas").contains("2");
        assertThat(ControlChart.failure(Map.of("database.existingSecret", "", "tls.existingSecret", "")))
                .contains("database.existingSecret is required", "tls.existingSecret is required");
        assertThat(ControlChart.failure(Map.of("podDisruptionBudget.minAvailable", 2)))
                .contains("podDisruptionBudget.minAvailable (2) must be lower than replicas (2)");
        assertThat(ControlChart.failure(Map.of("database.url", "jdbc:postgresql://db/outpost")))
                .containsIgnoringCase("additional propert").contains("url");
        assertThat(ControlChart.failure(Map.of("topologySpread.zone", "Never"))).contains("topologySpread").contains("zone");
        assertThat(ControlChart.failure(Map.of("edges.publicEndpoint", "https://outpost.acme.example")))
                .contains("publicEndpoint");
        assertThat(ControlChart.failure(Map.of("securityContext.readOnlyRootFilesystem", true,
                "securityContext.allowPrivilegeEscalation", true)))
                .contains("would break the restricted Pod Security Standard");
    }

    private static PodSpec pod(RenderedChart chart) {
        return ControlChart.deployment(chart).getSpec().getTemplate().getSpec();
    }

    private static Container container(RenderedChart chart) {
        return RenderedChart.only(pod(chart));
    }
}
