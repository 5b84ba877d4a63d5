package dev.outpost.helm;

import static dev.outpost.helm.RenderedChart.FULLNAME;
import static dev.outpost.helm.RenderedChart.only;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example values files in outpost-edge/examples/ render as their comments promise. */
class ExamplesTest {

    @Test
    void eks() throws IOException {
        var chart = renderExample("eks.yaml");
        assertThat(chart.all(Secret.class)).isEmpty();
        assertThat(chart.one(ServiceAccount.class, FULLNAME).getMetadata().getAnnotations())
                .containsKey("eks.amazonaws.com/role-arn");
        assertThat(chart.env(only(chart.jobTemplate().getSpec())))
                .containsEntry("OUTPOST_RESULTS_PREFIX", "edges/acme-prod-eu/")
                .containsKey("OUTPOST_KEYS_KMS_KEY_ID");
        assertThat(chart.jobTemplate().getSpec().getNodeSelector()).containsEntry("karpenter.sh/nodepool", "outpost");
    }

    @Test
    void aks() throws IOException {
        var chart = renderExample("aks.yaml");
        chart.componentPods().forEach((component, pod) -> {
            assertThat(only(pod).getImage()).startsWith("acmeregistry.azurecr.io/mirror/outpost/");
            assertThat(chart.env(only(pod))).containsEntry("HTTPS_PROXY", "http://proxy.corp.example:3128")
                    .containsEntry("OUTPOST_KEYS_LOCAL_FILE", "/etc/outpost/keys/customer.key");
        });
        assertThat(chart.jobTemplate().getMetadata().getLabels()).containsEntry("azure.workload.identity/use", "true");
    }

    @SuppressWarnings("unchecked")
    private static RenderedChart renderExample(String file) throws IOException {
        Map<String, Object> nested = RenderedChart.SERIALIZATION.unmarshal(
                Files.readString(RenderedChart.CHART.resolve("examples").resolve(file)), Map.class);
        var dotted = new LinkedHashMap<String, Object>();
        flatten("", nested, dotted);
        return RenderedChart.renderExactly(dotted);
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> map, Map<String, Object> into) {
        map.forEach((key, value) -> {
            // Map keys containing dots (annotations, labels, node selectors) are leaves, not paths.
            if (value instanceof Map<?, ?> child && !child.isEmpty() && child.keySet().stream().noneMatch(k -> k.toString().contains("."))) {
                flatten(prefix + key + ".", (Map<String, Object>) child, into);
            } else {
                into.put(prefix + key, value);
            }
        });
    }
}
