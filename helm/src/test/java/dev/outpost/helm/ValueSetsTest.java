package dev.outpost.helm;

import static dev.outpost.helm.RenderedChart.FULLNAME;
import static dev.outpost.helm.RenderedChart.only;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The value sets customers install with, each rendered and checked on every pod it must reach (job pods included). */
class ValueSetsTest {

    static final String CA = """
            -----BEGIN CERTIFICATE-----
            MIIBszCCAVmgAwIBAgIUZXhhbXBsZS1jb250cm9sLXBsYW5lLWNhMAoGCCqGSM49
            -----END CERTIFICATE-----
            """;
    static final String PROXY_CA = CA.replace("ZXhhbXBsZS1jb250cm9s", "cHJveHktaW5zcGVjdGlu");

    @Test
    void irsaRoleArnAnnotatesTheServiceAccountEveryPodRunsAs() {
        var arn = "arn:aws:iam::111122223333:role/outpost-edge";
        var chart = RenderedChart.render(Map.of("serviceAccount.annotations", Map.of("eks.amazonaws.com/role-arn", arn)));
        var account = chart.one(ServiceAccount.class, FULLNAME);
        assertThat(account.getMetadata().getAnnotations()).containsEntry("eks.amazonaws.com/role-arn", arn);
        chart.allPods().forEach((name, pod) -> assertThat(pod.getServiceAccountName()).as(name).isEqualTo(FULLNAME));
    }

    @Test
    void azureWorkloadIdentityLabelsAndAnnotatesTheServiceAccount() {
        var chart = RenderedChart.render(Map.of(
                "serviceAccount.annotations", Map.of("azure.workload.identity/client-id", "00000000-1111-2222-3333-444444444444"),
                "serviceAccount.labels", Map.of("azure.workload.identity/use", "true")));
        var account = chart.one(ServiceAccount.class, FULLNAME);
        assertThat(account.getMetadata().getLabels()).containsEntry("azure.workload.identity/use", "true");
        assertThat(account.getMetadata().getAnnotations()).containsKey("azure.workload.identity/client-id");
    }

    @Test
    void proxyAndExtraCaCertificatesReachEveryPodIncludingJobPods() {
        var chart = RenderedChart.render(Map.of(
                "proxy.httpsProxy", "http://proxy.corp.example:3128",
                "proxy.noProxy", "10.0.0.0/8,.corp.example",
                "proxy.extraCaCertificates", PROXY_CA,
                "controlPlane.caBundle", CA));
        var caConfigMap = chart.one(ConfigMap.class, FULLNAME + "-ca");
        assertThat(caConfigMap.getData().get("control-plane-ca.crt")).isEqualTo(CA.strip() + "\n");
        assertThat(caConfigMap.getData().get("extra-ca.crt")).isEqualTo(PROXY_CA.strip() + "\n");
        var pods = chart.componentPods();
        assertThat(pods).containsKey("job-runner").hasSize(4);
        pods.forEach((component, pod) -> {
            var container = only(pod);
            assertThat(chart.env(container)).as(component)
                    .containsEntry("HTTPS_PROXY", "http://proxy.corp.example:3128")
                    .containsEntry("https_proxy", "http://proxy.corp.example:3128")
                    .containsEntry("OUTPOST_EXTRA_CA_FILE", "/etc/outpost/ca/extra-ca.crt")
                    .containsEntry("JAVA_TOOL_OPTIONS", "-Dhttps.proxyHost=proxy.corp.example -Dhttps.proxyPort=3128"
                            + " -Dhttp.proxyHost=proxy.corp.example -Dhttp.proxyPort=3128"
                            + " -Dhttp.nonProxyHosts=*.corp.example|localhost|127.0.0.1|*.svc|*.cluster.local|kubernetes.default.svc")
                    .hasEntrySatisfying("NO_PROXY", noProxy -> assertThat(noProxy.split(","))
                            .contains("10.0.0.0/8", ".corp.example", ".svc", "kubernetes.default.svc"));
            assertThat(container.getVolumeMounts()).as(component).anySatisfy(m -> {
                assertThat(m.getMountPath()).isEqualTo("/etc/outpost/ca");
                assertThat(m.getReadOnly()).isTrue();
                var volume = pod.getVolumes().stream().filter(v -> v.getName().equals(m.getName())).findFirst().orElseThrow();
                assertThat(volume.getConfigMap().getName()).isEqualTo(FULLNAME + "-ca");
            });
        });
        assertThat(chart.env(only(pods.get("plane-manager"))))
                .containsEntry("OUTPOST_EDGE_CONTROL_PLANE_CA", "/etc/outpost/ca/control-plane-ca.crt");
        // The proxy port is opened by the NetworkPolicy.
        assertThat(chart.one(NetworkPolicy.class, FULLNAME).getSpec().getEgress()).flatExtracting(r -> r.getPorts())
                .extracting(p -> p.getPort().getIntVal()).contains(3128);
    }

    @Test
    void registryMirrorAndPullSecretsApplyToEveryImageIncludingJobPods() {
        var chart = RenderedChart.render(Map.of(
                "image.registry", "registry.acme.internal:5000",
                "image.repositoryPrefix", "mirror/outpost",
                "image.tag", "0.1.0-acme.3",
                "image.pullPolicy", "Always",
                "image.pullSecrets", List.of("acme-registry")));
        chart.componentPods().forEach((component, pod) -> {
            var container = only(pod);
            assertThat(container.getImage()).isEqualTo("registry.acme.internal:5000/mirror/outpost/" + component + ":0.1.0-acme.3");
            assertThat(container.getImagePullPolicy()).isEqualTo("Always");
            assertThat(pod.getImagePullSecrets()).as(component).extracting(LocalObjectReference::getName)
                    .containsExactly("acme-registry");
        });
    }

    static final Map<String, Object> ZONE_AFFINITY = Map.of("nodeAffinity", Map.of(
            "requiredDuringSchedulingIgnoredDuringExecution", Map.of("nodeSelectorTerms", List.of(Map.of(
                    "matchExpressions", List.of(Map.of("key", "topology.kubernetes.io/zone", "operator", "In",
                            "values", List.of("eu-west-1a"))))))));

    @Test
    void schedulingExtraEnvAndVolumesAreInheritedByJobPods() {
        var chart = RenderedChart.render(Map.of(
                "nodeSelector", Map.of("outpost.dev/pool", "dq"),
                "tolerations", List.of(Map.of("key", "dedicated", "operator", "Equal", "value", "dq", "effect", "NoSchedule")),
                "affinity", ZONE_AFFINITY,
                "extraEnv", List.of(Map.of("name", "JAVA_OPTS_APPEND", "value", "-XX:MaxRAMPercentage=75")),
                "extraVolumes", List.of(Map.of("name", "jdbc-wallet", "secret", Map.of("secretName", "oracle-wallet"))),
                "extraVolumeMounts", List.of(Map.of("name", "jdbc-wallet", "mountPath", "/etc/wallet", "readOnly", true))));
        chart.componentPods().forEach((component, pod) -> {
            assertThat(pod.getNodeSelector()).as(component).containsEntry("outpost.dev/pool", "dq");
            assertThat(pod.getTolerations()).as(component).singleElement().satisfies(t -> assertThat(t.getKey()).isEqualTo("dedicated"));
            assertThat(pod.getAffinity().getNodeAffinity()).as(component).isNotNull();
            assertThat(chart.env(only(pod))).as(component).containsEntry("JAVA_OPTS_APPEND", "-XX:MaxRAMPercentage=75");
            assertThat(pod.getVolumes()).as(component).filteredOn(v -> v.getSecret() != null)
                    .anySatisfy(v -> assertThat(v.getSecret().getSecretName()).isEqualTo("oracle-wallet"));
            assertThat(only(pod).getVolumeMounts()).as(component).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/etc/wallet"));
        });
    }

    @Test
    void customDriversAreConfiguredWithTheirChecksum() {
        var sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        var chart = RenderedChart.render(Map.of(
                "customDrivers.enabled", true,
                "customDrivers.source", "s3://acme-outpost-drivers/drivers-2026-11.zip",
                "customDrivers.sha256", sha));
        chart.componentPods().forEach((component, pod) -> assertThat(chart.env(only(pod))).as(component)
                .containsEntry("OUTPOST_DRIVERS_SOURCE", "s3://acme-outpost-drivers/drivers-2026-11.zip")
                .containsEntry("OUTPOST_DRIVERS_SHA256", sha));
        assertThat(RenderedChart.render().settings().getData()).doesNotContainKeys("OUTPOST_DRIVERS_SOURCE", "OUTPOST_DRIVERS_SHA256");
    }

    @Test
    void networkPolicyCanBeTurnedOff() {
        assertThat(RenderedChart.render().all(NetworkPolicy.class)).hasSize(1);
        assertThat(RenderedChart.render(Map.of("networkPolicy.enabled", false)).all(NetworkPolicy.class)).isEmpty();
    }

    @Test
    void existingSecretReplacesTheTokenSecret() {
        var chart = RenderedChart.render(Map.of("edge.token", "", "edge.existingSecret", "acme-edge-token",
                "edge.existingSecretKey", "edge-token"));
        assertThat(chart.all(Secret.class)).isEmpty();
        assertThat(chart.env(only(chart.componentPods().get("plane-manager"))))
                .containsEntry("OUTPOST_EDGE_TOKEN", "secret:acme-edge-token/edge-token");
        assertThat(chart.yaml).doesNotContain("opt_edge_secret_token");
    }

    @Test
    void localKeySecretIsMountedReadOnlyWithMode0400WhereTheServicesLookForIt() {
        var chart = RenderedChart.render(Map.of("keyProvider.kms.keyId", "",
                "keyProvider.localKey.existingSecret", "acme-results-key"));
        chart.componentPods().forEach((component, pod) -> {
            var container = only(pod);
            var file = chart.env(container).get("OUTPOST_KEYS_LOCAL_FILE");
            assertThat(file).as(component).isEqualTo("/etc/outpost/keys/customer.key");
            var mount = container.getVolumeMounts().stream().filter(m -> file.startsWith(m.getMountPath() + "/")).findFirst().orElseThrow();
            assertThat(mount.getReadOnly()).isTrue();
            var secret = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow().getSecret();
            assertThat(secret.getSecretName()).isEqualTo("acme-results-key");
            assertThat(secret.getDefaultMode()).isEqualTo(0400);
            assertThat(secret.getItems()).singleElement().satisfies(item ->
                    assertThat(mount.getMountPath() + "/" + item.getPath()).isEqualTo(file));
            assertThat(chart.env(container)).as(component).doesNotContainKeys("OUTPOST_KEYS_KMS_KEY_ID", "OUTPOST_KEYS_KMS_REGION");
        });
    }

    @Test
    void egressPolicyAndAuditBucketReachPlaneManagerOnly() {
        var defaults = RenderedChart.render();
        assertThat(defaults.env(only(defaults.deployment("plane-manager").getSpec().getTemplate().getSpec())))
                .containsEntry("OUTPOST_EDGE_EGRESS_PREVIEWS", "true")
                .containsEntry("OUTPOST_EDGE_EGRESS_RESULT_PAGES", "true")
                .containsEntry("OUTPOST_EDGE_EGRESS_PROFILES", "true")
                .containsEntry("OUTPOST_EDGE_EGRESS_CATALOG_IMPORT", "true")
                // unset: plane-manager writes the audit log into the results bucket
                .doesNotContainKey("OUTPOST_EDGE_EGRESS_AUDIT_BUCKET");
        var locked = RenderedChart.render(Map.of("egress.previews", false, "egress.resultPages", false,
                "egress.profiles", false, "egress.catalogImport", false, "egress.audit.bucket", "acme-outpost-audit"));
        var pods = locked.componentPods();
        assertThat(locked.env(only(pods.remove("plane-manager"))))
                .containsEntry("OUTPOST_EDGE_EGRESS_PREVIEWS", "false")
                .containsEntry("OUTPOST_EDGE_EGRESS_RESULT_PAGES", "false")
                .containsEntry("OUTPOST_EDGE_EGRESS_PROFILES", "false")
                .containsEntry("OUTPOST_EDGE_EGRESS_CATALOG_IMPORT", "false")
                .containsEntry("OUTPOST_EDGE_EGRESS_AUDIT_BUCKET", "acme-outpost-audit");
        assertThat(pods).hasSize(3).allSatisfy((component, pod) -> assertThat(locked.env(only(pod)).keySet())
                .as(component).noneMatch(name -> name.startsWith("OUTPOST_EDGE_EGRESS_")));
    }

    @Test
    void kmsRegionIsTheKeyArnsRegionElseTheAwsRegionOnEveryPodThatUsesKeys() {
        var alias = RenderedChart.render(Map.of("aws.region", "us-east-2", "keyProvider.kms.keyId", "alias/outpost-results"));
        var otherRegionArn = RenderedChart.render(Map.of("aws.region", "us-east-2",
                "keyProvider.kms.keyId", "arn:aws:kms:eu-central-1:111122223333:key/1234abcd"));
        assertThat(alias.componentPods()).hasSize(4).allSatisfy((component, pod) ->
                assertThat(alias.env(only(pod))).as(component)
                        .containsEntry("OUTPOST_KEYS_KMS_KEY_ID", "alias/outpost-results")
                        .containsEntry("OUTPOST_KEYS_KMS_REGION", "us-east-2"));
        // A key ARN names where the key lives, which may differ from the queues' and buckets' region.
        assertThat(otherRegionArn.componentPods()).hasSize(4).allSatisfy((component, pod) ->
                assertThat(otherRegionArn.env(only(pod))).as(component)
                        .containsEntry("OUTPOST_KEYS_KMS_REGION", "eu-central-1")
                        .containsEntry("QUARKUS_SQS_AWS_REGION", "us-east-2"));
    }

    @Test
    void openTelemetryIsOffByDefaultAndExportsWhenEnabled() {
        assertThat(RenderedChart.render().settings().getData()).containsEntry("QUARKUS_OTEL_SDK_DISABLED", "true")
                .doesNotContainKey("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT");
        var chart = RenderedChart.render(Map.of("openTelemetry.enabled", true,
                "openTelemetry.endpoint", "http://otel-collector.observability:4317"));
        assertThat(chart.settings().getData()).containsEntry("QUARKUS_OTEL_SDK_DISABLED", "false")
                .containsEntry("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector.observability:4317");
    }

    @Test
    void extraObjectsAreRenderedWithTheRelease() {
        var chart = RenderedChart.render(Map.of("extraObjects", List.of(
                Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", "{{ .Release.Name }}-extra"),
                        "data", Map.of("k", "v")))));
        assertThat(chart.one(ConfigMap.class, "acme-extra").getData()).containsEntry("k", "v");
    }

    @Test
    void notesTellHowToCheckTheLink() {
        var notes = RenderedChart.notes(Map.of());
        assertThat(notes).contains("helm test acme -n outpost")
                .contains("deployment/" + FULLNAME + "-plane-manager")
                .contains("the holder of Lease " + FULLNAME + "-leader").contains("a standby replica")
                .contains("edge.existingSecret");
        assertThat(RenderedChart.notes(Map.of("networkPolicy.enabled", false))).contains("WARNING: networkPolicy.enabled is false");
    }

    @Test
    void everyObjectCarriesTheChartLabels() {
        var chart = RenderedChart.render(Map.of("podLabels", Map.of("team", "data-platform")));
        assertThat(chart.objects).allSatisfy((HasMetadata o) -> assertThat(o.getMetadata().getLabels())
                .containsKeys("helm.sh/chart", "app.kubernetes.io/name", "app.kubernetes.io/managed-by"));
        assertThat(chart.jobTemplate().getMetadata().getLabels()).containsEntry("team", "data-platform");
        assertThat(chart.deployment("results-reader").getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("team", "data-platform");
    }
}
