package dev.outpost.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The outpost-edge chart rendered for real by Helm (helm-java, no cluster) and parsed into fabric8's typed model.
 * {@link #REQUIRED} is the smallest value set the chart accepts; tests add their overrides on top of it.
 */
final class RenderedChart {

    static final Path CHART = Path.of("outpost-edge").toAbsolutePath();
    static final String RELEASE = "acme";
    static final String NAMESPACE = "outpost";
    static final String DEFAULT_KUBE_VERSION = "1.31.0";
    static final String FULLNAME = "acme-outpost-edge";
    static final String JOB_TEMPLATE_CONFIG_MAP = FULLNAME + "-job-template";
    static final String JOB_TEMPLATE_KEY = "job-pod-template.yaml";
    static final String JOB_TEMPLATE_DIR = "/etc/outpost/job-template";
    static final List<String> DEPLOYMENTS = List.of("plane-manager", "metadata-browser", "results-reader");

    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    static Map<String, Object> required() {
        var values = new LinkedHashMap<String, Object>();
        values.put("controlPlane.endpoint", "outpost.example.com");
        values.put("edge.id", "edge-7f3a");
        values.put("edge.name", "acme-prod-eu");
        values.put("edge.token", "opt_edge_secret_token");
        values.put("aws.region", "eu-west-1");
        values.put("buckets.results", "acme-outpost-results");
        values.put("keyProvider.kms.keyId", "arn:aws:kms:eu-west-1:111122223333:key/1234abcd");
        return values;
    }

    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

    final String yaml;
    final List<HasMetadata> objects;

    private RenderedChart(String yaml) {
        this.yaml = yaml;
        this.objects = new ArrayList<>();
        for (var document : DOCUMENT_SEPARATOR.split(yaml)) {
            var content = document.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
            if (!content.isEmpty()) {
                objects.add(SERIALIZATION.unmarshal(document, HasMetadata.class));
            }
        }
    }

    /** The objects of any rendered chart or manifest file (multi-document YAML). */
    static RenderedChart parse(String yaml) {
        return new RenderedChart(yaml);
    }

    /** Renders with {@link #required()} plus the overrides (dotted keys; a later key wins). */
    static RenderedChart render(Map<String, Object> overrides) {
        var values = required();
        values.putAll(overrides);
        return new RenderedChart(template(values, RELEASE));
    }

    /** Renders exactly these values, without {@link #required()}. */
    static RenderedChart renderExactly(Map<String, Object> dottedValues) {
        return new RenderedChart(template(dottedValues, RELEASE));
    }

    static RenderedChart render() {
        return render(Map.of());
    }

    /** Renders the given values exactly (no {@link #required()}), as a values file: no --set escaping pitfalls. */
    static String template(Map<String, Object> dottedValues, String release) {
        return template(HOOKS_AS_MANIFESTS, dottedValues, release);
    }

    /** `helm template` of any chart in namespace {@value #NAMESPACE} with these values (dotted keys). */
    static String template(Path chart, Map<String, Object> dottedValues, String release) {
        return template(chart, dottedValues, release, DEFAULT_KUBE_VERSION);
    }

    /** As {@link #template(Path, Map, String)}, for a cluster of the given Kubernetes version. */
    static String template(Path chart, Map<String, Object> dottedValues, String release, String kubeVersion) {
        try {
            var file = Files.createTempFile("outpost-values", ".yaml");
            try {
                Files.writeString(file, SERIALIZATION.asYaml(nest(dottedValues)));
                return template(chart, file, release, kubeVersion);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** `helm template` of any chart in namespace {@value #NAMESPACE} with a values file. */
    static String template(Path chart, Path valuesFile, String release) {
        return template(chart, valuesFile, release, DEFAULT_KUBE_VERSION);
    }

    /** `helm template` as for a cluster of the given Kubernetes version. */
    static String template(Path chart, Path valuesFile, String release, String kubeVersion) {
        return new Helm(chart).template().withName(release).withNamespace(NAMESPACE).withKubeVersion(kubeVersion)
                .withValuesFile(valuesFile).call();
    }

    /** {@link #required()} rendered as for a cluster of the given Kubernetes version. */
    static RenderedChart renderForKubernetes(String kubeVersion) {
        return new RenderedChart(template(HOOKS_AS_MANIFESTS, required(), RELEASE, kubeVersion));
    }

    /** NOTES.txt as `helm install` prints it (client-only dry run: no cluster). */
    static String notes(Map<String, Object> overrides) {
        var values = required();
        values.putAll(overrides);
        try {
            var file = Files.createTempFile("outpost-edge-values", ".yaml");
            try {
                Files.writeString(file, SERIALIZATION.asYaml(nest(values)));
                return new Helm(CHART).install().withName(RELEASE).withNamespace(NAMESPACE).withKubeVersion("1.31.0")
                        .withValuesFile(file).dryRun().clientOnly().call().getOutput();
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * `helm template` leaves hooks out, so the tests render a copy of the chart whose `helm test` pod has its hook
     * annotation removed and therefore renders as a plain manifest (TestHookTest checks the annotation on the original).
     */
    static final Path HOOKS_AS_MANIFESTS = copyWithHooksAsManifests();

    private static Path copyWithHooksAsManifests() {
        try {
            var copy = Files.createTempDirectory("outpost-edge-chart");
            try (var files = Files.walk(CHART)) {
                for (var source : files.toList()) {
                    var target = copy.resolve(CHART.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        var text = Files.readString(source);
                        if (text.contains("helm.sh/hook: test")) {
                            text = text.lines().filter(l -> !l.contains("helm.sh/hook")).reduce("", (a, b) -> a + b + "\n");
                            text = text.replace("  annotations:\n", "");
                        }
                        Files.writeString(target, text);
                    }
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The message Helm fails with for these values (required values plus overrides). */
    static String failure(Map<String, Object> overrides) {
        var values = required();
        values.putAll(overrides);
        try {
            template(values, RELEASE);
        } catch (RuntimeException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected the chart to refuse " + overrides);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> nest(Map<String, Object> dotted) {
        var root = new LinkedHashMap<String, Object>();
        dotted.forEach((key, value) -> {
            var parts = key.split("\\.");
            var node = root;
            for (int i = 0; i < parts.length - 1; i++) {
                node = (LinkedHashMap<String, Object>) node.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
            }
            node.put(parts[parts.length - 1], value);
        });
        return root;
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T one(Class<T> type, String name) {
        var matches = all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).toList();
        assertThat(matches).as("%s %s", type.getSimpleName(), name).hasSize(1);
        return matches.get(0);
    }

    Deployment deployment(String component) {
        return one(Deployment.class, FULLNAME + "-" + component);
    }

    ConfigMap settings() {
        return one(ConfigMap.class, FULLNAME);
    }

    PodTemplateSpec jobTemplate() {
        var configMap = one(ConfigMap.class, JOB_TEMPLATE_CONFIG_MAP);
        assertThat(configMap.getData()).containsOnlyKeys(JOB_TEMPLATE_KEY);
        return SERIALIZATION.unmarshal(configMap.getData().get(JOB_TEMPLATE_KEY), PodTemplateSpec.class);
    }

    /** Every compute-plane pod spec: the three Deployments and the job-runner template. */
    Map<String, PodSpec> componentPods() {
        var pods = new LinkedHashMap<String, PodSpec>();
        DEPLOYMENTS.forEach(c -> pods.put(c, deployment(c).getSpec().getTemplate().getSpec()));
        pods.put("job-runner", jobTemplate().getSpec());
        return pods;
    }

    /** Every pod spec the chart can create, the helm test pod included. */
    Map<String, PodSpec> allPods() {
        var pods = componentPods();
        all(Pod.class).forEach(p -> pods.put(p.getMetadata().getName(), p.getSpec()));
        return pods;
    }

    /** A container's environment with ConfigMap references resolved; Secret and field references as markers. */
    Map<String, String> env(Container container) {
        var env = new LinkedHashMap<String, String>();
        for (EnvVar var : container.getEnv()) {
            String value;
            if (var.getValueFrom() == null) {
                value = var.getValue();
            } else if (var.getValueFrom().getConfigMapKeyRef() != null) {
                var ref = var.getValueFrom().getConfigMapKeyRef();
                var data = one(ConfigMap.class, ref.getName()).getData();
                assertThat(data).as("ConfigMap %s referenced by %s", ref.getName(), var.getName()).containsKey(ref.getKey());
                value = data.get(ref.getKey());
            } else if (var.getValueFrom().getSecretKeyRef() != null) {
                var ref = var.getValueFrom().getSecretKeyRef();
                value = "secret:" + ref.getName() + "/" + ref.getKey();
            } else {
                value = "field:" + var.getValueFrom().getFieldRef().getFieldPath();
            }
            env.put(var.getName(), value);
        }
        return env;
    }

    static Container only(PodSpec pod) {
        assertThat(pod.getContainers()).hasSize(1);
        return pod.getContainers().get(0);
    }
}
