package dev.outpost.helm;

import static dev.outpost.helm.RenderedChart.only;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Tier presets S / M / L: every component's resources and the job workspace, and per-component overrides. */
class TierTest {

    @ParameterizedTest(name = "tier {0}")
    @CsvSource({
            // tier, plane-manager req mem, browser req mem, reader req mem, runner req cpu, runner mem, workspace
            "S, 256Mi, 256Mi, 256Mi, 500m, 2Gi, 10Gi",
            "M, 384Mi, 512Mi, 512Mi, 2, 4Gi, 50Gi",
            "L, 512Mi, 1Gi, 1Gi, 4, 16Gi, 200Gi"})
    void tierSetsEveryComponentsResourcesAndTheWorkspace(String tier, String planeManagerMemory, String browserMemory,
            String readerMemory, String runnerCpu, String runnerMemoryLimit, String workspace) {
        var chart = RenderedChart.render(Map.of("tier", tier));
        var pods = chart.componentPods();
        assertThat(requests(only(pods.get("plane-manager")).getResources(), "memory")).isEqualTo(planeManagerMemory);
        assertThat(requests(only(pods.get("metadata-browser")).getResources(), "memory")).isEqualTo(browserMemory);
        assertThat(requests(only(pods.get("results-reader")).getResources(), "memory")).isEqualTo(readerMemory);
        var runner = only(pods.get("job-runner")).getResources();
        assertThat(requests(runner, "cpu")).isEqualTo(runnerCpu);
        assertThat(runner.getLimits().get("memory")).isEqualTo(new Quantity(runnerMemoryLimit));
        assertThat(workspaceSize(chart)).isEqualTo(workspace);
        pods.forEach((component, pod) -> {
            var resources = only(pod).getResources();
            assertThat(resources.getRequests()).as(component).containsKeys("cpu", "memory");
            assertThat(resources.getLimits()).as(component).containsKey("memory");
            // Limits never undercut requests.
            assertThat(resources.getLimits().get("memory").getNumericalAmount())
                    .isGreaterThanOrEqualTo(resources.getRequests().get("memory").getNumericalAmount());
        });
    }

    @Test
    void componentOverrideWinsOverThePresetForThatComponentOnly() {
        var chart = RenderedChart.render(Map.of(
                "tier", "S",
                "resources.jobRunner", Map.of("requests", Map.of("cpu", "3", "memory", "6Gi"), "limits", Map.of("memory", "6Gi")),
                "workspace.size", "75Gi",
                "workspace.storageClassName", "gp3"));
        var runner = only(chart.jobTemplate().getSpec()).getResources();
        assertThat(requests(runner, "cpu")).isEqualTo("3");
        assertThat(runner.getLimits()).containsOnlyKeys("memory");
        assertThat(requests(only(chart.componentPods().get("plane-manager")).getResources(), "memory")).isEqualTo("256Mi");
        assertThat(workspaceSize(chart)).isEqualTo("75Gi");
        var claim = chart.jobTemplate().getSpec().getVolumes().stream().filter(v -> v.getName().equals("workspace"))
                .findFirst().orElseThrow().getEphemeral().getVolumeClaimTemplate().getSpec();
        assertThat(claim.getStorageClassName()).isEqualTo("gp3");
        assertThat(claim.getAccessModes()).containsExactly("ReadWriteOnce");
    }

    private static String requests(ResourceRequirements resources, String name) {
        return resources.getRequests().get(name).toString();
    }

    private static String workspaceSize(RenderedChart chart) {
        return chart.jobTemplate().getSpec().getVolumes().stream().filter(v -> v.getName().equals("workspace"))
                .findFirst().orElseThrow().getEphemeral().getVolumeClaimTemplate().getSpec().getResources()
                .getRequests().get("storage").toString();
    }
}
