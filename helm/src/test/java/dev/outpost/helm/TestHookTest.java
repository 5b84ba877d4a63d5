package dev.outpost.helm;

import static dev.outpost.helm.RenderedChart.FULLNAME;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The `helm test` hook: passes when plane-manager is Ready (linked to control-api), without opening any ingress. */
class TestHookTest {

    @Test
    void isAHelmTestHook() throws IOException {
        var source = Files.readString(RenderedChart.CHART.resolve("templates/tests/test-connection.yaml"));
        assertThat(source).contains("helm.sh/hook: test").contains("helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded");
    }

    @Test
    void asksTheKubernetesApiWhetherPlaneManagerIsReady() {
        var chart = RenderedChart.render();
        var pod = chart.one(Pod.class, FULLNAME + "-test-connection");
        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getSpec().getServiceAccountName()).isEqualTo(FULLNAME);
        assertThat(pod.getSpec().getAutomountServiceAccountToken()).isTrue();
        var container = RenderedChart.only(pod.getSpec());
        assertThat(chart.env(container)).containsEntry("SELECTOR",
                "app.kubernetes.io/instance=acme,app.kubernetes.io/component=plane-manager");
        assertThat(String.join("\n", container.getArgs()))
                .contains("https://kubernetes.default.svc/api/v1/namespaces/$NAMESPACE/pods?labelSelector=$SELECTOR")
                .contains("\"type\":\"Ready\"").contains("\"status\":\"True\"").contains("exit 1");
        // plane-manager's readiness probe is what the hook reads.
        var planeManager = RenderedChart.only(chart.deployment("plane-manager").getSpec().getTemplate().getSpec());
        assertThat(planeManager.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        // The NetworkPolicy (no ingress) does not select the test pod, and the test pod needs no ingress either.
        var selector = chart.one(NetworkPolicy.class, FULLNAME).getSpec().getPodSelector();
        assertThat(selector.getMatchExpressions().get(0).getValues())
                .doesNotContain(pod.getMetadata().getLabels().get("app.kubernetes.io/component"));
    }
}
