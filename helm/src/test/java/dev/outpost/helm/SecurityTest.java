package dev.outpost.helm;

import static dev.outpost.helm.RenderedChart.FULLNAME;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Secure defaults: the restricted Pod Security Standard on every pod, least-privilege namespaced RBAC. */
class SecurityTest {

    static final RenderedChart CHART = RenderedChart.render();

    @Test
    void everyPodMeetsTheRestrictedPodSecurityStandard() {
        var pods = CHART.allPods();
        assertThat(pods.keySet()).contains("plane-manager", "metadata-browser", "results-reader", "job-runner",
                FULLNAME + "-test-connection");
        pods.forEach(SecurityTest::assertRestricted);
    }

    @Test
    void restrictedEvenWithUserVolumesAndEnv() {
        var chart = RenderedChart.render(Map.of(
                "extraVolumes", List.of(Map.of("name", "cache", "emptyDir", Map.of())),
                "extraVolumeMounts", List.of(Map.of("name", "cache", "mountPath", "/cache"))));
        chart.allPods().forEach(SecurityTest::assertRestricted);
    }

    static void assertRestricted(String name, PodSpec pod) {
        var podContext = pod.getSecurityContext();
        assertThat(podContext).as(name).isNotNull();
        assertThat(podContext.getRunAsNonRoot()).as("%s runAsNonRoot", name).isTrue();
        assertThat(podContext.getRunAsUser()).as("%s runAsUser", name).isNotZero();
        assertThat(podContext.getSeccompProfile().getType()).as(name).isEqualTo("RuntimeDefault");
        assertThat(pod.getHostNetwork()).as(name).isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getHostPID()).as(name).isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getHostIPC()).as(name).isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getVolumes()).as(name).allSatisfy(v -> assertThat(v.getHostPath()).isNull());
        var tmp = pod.getVolumes().stream().filter(v -> v.getName().equals("tmp")).findFirst();
        assertThat(tmp).as("%s /tmp volume", name).hasValueSatisfying(v -> assertThat(v.getEmptyDir()).isNotNull());
        var containers = new java.util.ArrayList<>(pod.getContainers());
        if (pod.getInitContainers() != null) {
            containers.addAll(pod.getInitContainers());
        }
        assertThat(containers).isNotEmpty().allSatisfy(c -> {
            var context = c.getSecurityContext();
            assertThat(context).as("%s/%s", name, c.getName()).isNotNull();
            assertThat(context.getAllowPrivilegeEscalation()).as("%s allowPrivilegeEscalation", name).isFalse();
            assertThat(context.getPrivileged()).as(name).isNotEqualTo(Boolean.TRUE);
            assertThat(context.getReadOnlyRootFilesystem()).as("%s readOnlyRootFilesystem", name).isTrue();
            assertThat(context.getRunAsNonRoot()).as(name).isNotEqualTo(Boolean.FALSE);
            assertThat(context.getCapabilities().getDrop()).as("%s drop", name).containsExactly("ALL");
            assertThat(context.getCapabilities().getAdd()).as("%s add", name).isNullOrEmpty();
            assertThat(context.getSeccompProfile().getType()).as(name).isEqualTo("RuntimeDefault");
            assertThat(c.getVolumeMounts()).as("%s mounts /tmp", name)
                    .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
        });
    }

    @Test
    void rbacIsNamespacedAndGrantsOnlyWhatPlaneManagerNeeds() {
        assertThat(CHART.objects).extracting(HasMetadata::getKind)
                .doesNotContain("ClusterRole", "ClusterRoleBinding", "PodSecurityPolicy");
        var roles = CHART.all(Role.class);
        assertThat(roles).hasSize(1);
        var grants = new java.util.HashMap<String, Set<String>>();
        for (PolicyRule rule : roles.get(0).getRules()) {
            assertThat(rule.getResourceNames()).isNullOrEmpty();
            assertThat(rule.getNonResourceURLs()).isNullOrEmpty();
            for (var group : rule.getApiGroups()) {
                for (var resource : rule.getResources()) {
                    grants.merge(group + "/" + resource, Set.copyOf(rule.getVerbs()), (a, b) -> {
                        var all = new java.util.HashSet<>(a);
                        all.addAll(b);
                        return all;
                    });
                }
            }
        }
        assertThat(grants).containsOnly(
                Map.entry("batch/jobs", Set.of("create", "get", "list", "watch", "delete")),
                Map.entry("/pods", Set.of("get", "list", "watch")),
                Map.entry("/pods/log", Set.of("get", "list", "watch")),
                // The launcher watches the namespace's events to report quota and scheduling failures.
                Map.entry("/events", Set.of("list", "watch")),
                Map.entry("coordination.k8s.io/leases", Set.of("get", "create", "update")));
        var binding = CHART.all(RoleBinding.class);
        assertThat(binding).singleElement().satisfies(b -> {
            assertThat(b.getRoleRef().getKind()).isEqualTo("Role");
            assertThat(b.getRoleRef().getName()).isEqualTo(roles.get(0).getMetadata().getName());
            assertThat(b.getSubjects()).singleElement().satisfies(s -> {
                assertThat(s.getKind()).isEqualTo("ServiceAccount");
                assertThat(s.getName()).isEqualTo(FULLNAME);
                assertThat(s.getNamespace()).isEqualTo(RenderedChart.NAMESPACE);
            });
        });
    }

    @Test
    void rbacCanBeLeftToThePlatformTeam() {
        var chart = RenderedChart.render(Map.of("rbac.create", false, "serviceAccount.create", false,
                "serviceAccount.name", "outpost-edge-managed"));
        assertThat(chart.all(Role.class)).isEmpty();
        assertThat(chart.all(RoleBinding.class)).isEmpty();
        assertThat(chart.objects).extracting(HasMetadata::getKind).doesNotContain("ServiceAccount");
        chart.allPods().forEach((name, pod) ->
                assertThat(pod.getServiceAccountName()).as(name).isEqualTo("outpost-edge-managed"));
    }
}
