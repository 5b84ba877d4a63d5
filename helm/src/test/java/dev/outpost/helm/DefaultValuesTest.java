package dev.outpost.helm;

import static dev.outpost.helm.RenderedChart.FULLNAME;
import static dev.outpost.helm.RenderedChart.JOB_TEMPLATE_CONFIG_MAP;
import static dev.outpost.helm.RenderedChart.JOB_TEMPLATE_DIR;
import static dev.outpost.helm.RenderedChart.JOB_TEMPLATE_KEY;
import static dev.outpost.helm.RenderedChart.only;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chart with only the required values: the objects a first install creates and how they fit together. */
class DefaultValuesTest {

    static final RenderedChart CHART = RenderedChart.render();

    @Test
    void rendersTheComputePlaneObjects() {
        assertThat(CHART.all(Deployment.class)).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrder(FULLNAME + "-plane-manager", FULLNAME + "-metadata-browser",
                        FULLNAME + "-results-reader");
        assertThat(CHART.objects).extracting(HasMetadata::getKind)
                .contains("ServiceAccount", "Role", "RoleBinding", "Secret", "ConfigMap", "PodDisruptionBudget",
                        "NetworkPolicy", "Pod")
                .doesNotContain("ClusterRole", "ClusterRoleBinding", "Service", "Ingress");
        assertThat(CHART.objects).allSatisfy(o -> {
            assertThat(o.getMetadata().getLabels()).containsEntry("app.kubernetes.io/instance", "acme")
                    .containsEntry("app.kubernetes.io/part-of", "outpost");
            assertThat(o.getMetadata().getNamespace()).isEqualTo("outpost");
        });
    }

    @Test
    void planeManagerRunsTwoReplicasWithADisruptionBudget() {
        var planeManager = CHART.deployment("plane-manager");
        assertThat(planeManager.getSpec().getReplicas()).isEqualTo(2);
        assertThat(CHART.deployment("metadata-browser").getSpec().getReplicas()).isEqualTo(1);
        var pdb = CHART.one(PodDisruptionBudget.class, FULLNAME + "-plane-manager");
        assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
        // A control-plane outage makes the leader NotReady; that must not block node drains.
        assertThat(pdb.getSpec().getUnhealthyPodEvictionPolicy()).isEqualTo("AlwaysAllow");
        // Kubernetes 1.25 knows no such field (Helm's schema validation would refuse the install).
        assertThat(RenderedChart.renderForKubernetes("1.25.0").one(PodDisruptionBudget.class, FULLNAME + "-plane-manager")
                .getSpec().getUnhealthyPodEvictionPolicy()).isNull();
        assertThat(pdb.getSpec().getSelector().getMatchLabels())
                .isEqualTo(planeManager.getSpec().getSelector().getMatchLabels())
                .containsEntry("app.kubernetes.io/component", "plane-manager");
        assertThat(planeManager.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
    }

    @Test
    void planeManagerLaunchesKubernetesJobsFromTheMountedPodTemplate() {
        var pod = CHART.deployment("plane-manager").getSpec().getTemplate().getSpec();
        var env = CHART.env(only(pod));
        assertThat(env)
                .containsEntry("OUTPOST_LAUNCHER_KIND", "kubernetes")
                .containsEntry("OUTPOST_LAUNCHER_KUBERNETES_POD_TEMPLATE_FILE", JOB_TEMPLATE_DIR + "/" + JOB_TEMPLATE_KEY)
                .containsEntry("OUTPOST_LAUNCHER_KUBERNETES_NAMESPACE", "field:metadata.namespace")
                .containsEntry("OUTPOST_LAUNCHER_KUBERNETES_TTL_SECONDS_AFTER_FINISHED", "600")
                .containsEntry("OUTPOST_LAUNCHER_KUBERNETES_START_TIMEOUT", "5m")
                .containsEntry("OUTPOST_LAUNCHER_KUBERNETES_LEADER_ELECTION_LEASE_NAME", FULLNAME + "-leader")
                .containsEntry("OUTPOST_LAUNCHER_KUBERNETES_LEADER_ELECTION_IDENTITY", "field:metadata.name")
                .doesNotContainKey("OUTPOST_LAUNCHER_KUBERNETES_ACTIVE_DEADLINE");
        var mount = only(pod).getVolumeMounts().stream().filter(m -> m.getMountPath().equals(JOB_TEMPLATE_DIR)).findFirst();
        assertThat(mount).hasValueSatisfying(m -> {
            assertThat(m.getReadOnly()).isTrue();
            Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(m.getName())).findFirst().orElseThrow();
            assertThat(volume.getConfigMap().getName()).isEqualTo(JOB_TEMPLATE_CONFIG_MAP);
        });
        assertThat(pod.getAutomountServiceAccountToken()).isTrue();
        // Changed settings roll the pods; the job template is re-read by plane-manager at each launch instead.
        assertThat(CHART.deployment("plane-manager").getSpec().getTemplate().getMetadata().getAnnotations())
                .containsKey("checksum/config").doesNotContainKey("checksum/job-template");
        var withDeadline = RenderedChart.render(Map.of("jobs.activeDeadlineSeconds", 7200));
        assertThat(withDeadline.env(only(withDeadline.componentPods().get("plane-manager"))))
                .containsEntry("OUTPOST_LAUNCHER_KUBERNETES_ACTIVE_DEADLINE", "7200s");
    }

    @Test
    void planeManagerDialsTheControlPlaneWithTheTokenFromTheSecret() {
        var env = CHART.env(only(CHART.deployment("plane-manager").getSpec().getTemplate().getSpec()));
        assertThat(env)
                .containsEntry("OUTPOST_EDGE_ID", "edge-7f3a")
                .containsEntry("OUTPOST_EDGE_TOKEN", "secret:" + FULLNAME + "-edge-token/token")
                .containsEntry("QUARKUS_GRPC_CLIENTS_CONTROL_HOST", "outpost.example.com")
                .containsEntry("QUARKUS_GRPC_CLIENTS_CONTROL_PORT", "443")
                .doesNotContainKey("QUARKUS_GRPC_CLIENTS_CONTROL_PLAIN_TEXT");
        var secret = CHART.one(Secret.class, FULLNAME + "-edge-token");
        assertThat(new String(Base64.getDecoder().decode(secret.getData().get("token")), StandardCharsets.UTF_8))
                .isEqualTo("opt_edge_secret_token");
    }

    @Test
    void everyComponentReadsTheCommonSettingsButOnlyPlaneManagerTheToken() {
        CHART.componentPods().forEach((component, pod) -> {
            var env = CHART.env(only(pod));
            assertThat(env).as(component)
                    .containsEntry("OUTPOST_QUEUES_PREFIX", "outpost-")
                    .containsEntry("OUTPOST_RESULTS_BUCKET", "acme-outpost-results")
                    .containsEntry("OUTPOST_RESULTS_PREFIX", "")
                    .containsEntry("QUARKUS_SQS_AWS_REGION", "eu-west-1")
                    .containsEntry("QUARKUS_S3_AWS_REGION", "eu-west-1")
                    .containsEntry("OUTPOST_KEYS_KMS_KEY_ID", "arn:aws:kms:eu-west-1:111122223333:key/1234abcd")
                    .containsEntry("OUTPOST_KEYS_KMS_REGION", "eu-west-1")
                    .containsEntry("QUARKUS_OTEL_SDK_DISABLED", "true")
                    .doesNotContainKeys("HTTPS_PROXY", "OUTPOST_KEYS_LOCAL_FILE");
            if (!component.equals("plane-manager")) {
                assertThat(env).as(component).doesNotContainKey("OUTPOST_EDGE_TOKEN");
                assertThat(pod.getAutomountServiceAccountToken()).as(component).isFalse();
            }
        });
        assertThat(CHART.one(ServiceAccount.class, FULLNAME).getAutomountServiceAccountToken()).isFalse();
    }

    @Test
    void jobTemplateIsAOneShotPodWithAnEphemeralWorkspace() {
        var template = CHART.jobTemplate();
        var pod = template.getSpec();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(template.getMetadata().getLabels()).containsEntry("app.kubernetes.io/component", "job-runner");
        var runner = only(pod);
        assertThat(runner.getName()).isEqualTo("job-runner");
        assertThat(runner.getImage()).isEqualTo("ghcr.io/outpost-dev/outpost/job-runner:0.1.0");
        assertThat(CHART.env(runner)).containsEntry("OUTPOST_RUNNER_WORKSPACE_ROOT", "/workspace");
        var workspace = pod.getVolumes().stream().filter(v -> v.getName().equals("workspace")).findFirst().orElseThrow();
        assertThat(workspace.getEphemeral().getVolumeClaimTemplate().getSpec().getResources().getRequests().get("storage"))
                .hasToString("50Gi");
        assertThat(runner.getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getName()).isEqualTo("workspace");
            assertThat(m.getMountPath()).isEqualTo("/workspace");
        });
        assertThat(CHART.one(ConfigMap.class, JOB_TEMPLATE_CONFIG_MAP).getMetadata().getName()).hasSizeLessThanOrEqualTo(63);
    }

    @Test
    void networkPolicyDeniesAllIngressAndAllowsOnlyTheNeededEgress() {
        var policy = CHART.one(NetworkPolicy.class, FULLNAME).getSpec();
        assertThat(policy.getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(policy.getIngress()).isEmpty();
        assertThat(policy.getPodSelector().getMatchExpressions().get(0).getValues())
                .containsExactlyInAnyOrder("plane-manager", "metadata-browser", "results-reader", "job-runner");
        assertThat(policy.getEgress()).flatExtracting(r -> r.getPorts())
                .extracting(p -> p.getProtocol() + "/" + p.getPort().getIntVal())
                .containsExactlyInAnyOrder("UDP/53", "TCP/53", "TCP/443", "TCP/443", "TCP/6443", "TCP/443");
    }

    @Test
    void networkPolicyAllowsTheConfiguredDataSourcesOnly() {
        var chart = RenderedChart.render(Map.of(
                "networkPolicy.dataSources", java.util.List.of(Map.of("cidr", "10.20.0.0/16", "ports", java.util.List.of(5432))),
                "controlPlane.cidrs", java.util.List.of("203.0.113.10/32")));
        var egress = chart.one(NetworkPolicy.class, FULLNAME).getSpec().getEgress();
        var byCidr = new java.util.HashMap<String, java.util.List<String>>();
        egress.forEach(rule -> rule.getTo().stream().filter(peer -> peer.getIpBlock() != null).forEach(peer ->
                byCidr.put(peer.getIpBlock().getCidr(), rule.getPorts().stream().map(p -> p.getPort().getIntVal() + "").toList())));
        assertThat(byCidr).containsOnly(
                Map.entry("10.20.0.0/16", java.util.List.of("5432")),
                Map.entry("203.0.113.10/32", java.util.List.of("443")));
        // Without configured data sources no rule names a CIDR: only ports are opened.
        assertThat(CHART.one(NetworkPolicy.class, FULLNAME).getSpec().getEgress())
                .allSatisfy(rule -> assertThat(rule.getTo()).noneMatch(peer -> peer.getIpBlock() != null));
    }

    @Test
    void namesAndLabelsStayWithin63CharactersForTheLongestReleaseName() {
        var release = "a".repeat(53);
        var objects = new java.util.ArrayList<HasMetadata>();
        var yaml = RenderedChart.template(RenderedChart.required(), release);
        for (var doc : yaml.split("(?m)^---\\s*$")) {
            if (doc.lines().anyMatch(l -> !l.isBlank() && !l.startsWith("#"))) {
                objects.add(RenderedChart.SERIALIZATION.unmarshal(doc, HasMetadata.class));
            }
        }
        assertThat(objects).isNotEmpty().allSatisfy(o -> {
            assertThat(o.getMetadata().getName()).hasSizeLessThanOrEqualTo(63).doesNotEndWith("-");
            assertThat(o.getMetadata().getLabels().values()).allSatisfy(v -> assertThat(v).hasSizeLessThanOrEqualTo(63));
        });
        assertThat(objects).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).doesNotHaveDuplicates();
    }
}
