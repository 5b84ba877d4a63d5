package dev.outpost.control;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import com.marcnuri.helm.Helm;

import dev.outpost.proto.api.v1.CreateEdgeRequest;
import dev.outpost.proto.api.v1.EdgeServiceGrpc;
import dev.outpost.testsupport.TlsTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The install control-api generates for an edge, rendered for real with the outpost-edge chart (helm-java, no
 * cluster): after the person fills in the values marked as theirs, the chart accepts the file and wires plane-manager
 * to this control plane with the edge's id, the served CA and the token Secret the commands create. The tests leave
 * {@code outpost.control.public-ca-bundle} unset, so the CA is the root at the end of the chain control-api serves.
 */
@QuarkusTest
@TestProfile(ControlApiTestProfile.class)
class GeneratedInstallTest extends HttpsTest {

    private static final Path CHART = Path.of("..", "..", "helm", "outpost-edge").toAbsolutePath().normalize();

    @Test
    void theGeneratedValuesRenderWithTheChartAndPointPlaneManagerAtThisControlPlane() throws IOException {
        var created = given().contentType(ContentType.JSON).body(Map.of("name", "installed-edge"))
                .post("/api/v1/edges").then().statusCode(201).extract();
        String edgeId = created.path("edge.id");
        String token = created.path("token");
        String values = created.path("install.values");
        String release = created.path("install.release");
        String namespace = created.path("install.namespace");
        List<String> commands = created.path("install.commands");

        assertThat(release).isEqualTo("installed-edge");
        assertThat(namespace).isEqualTo("outpost-installed-edge");
        assertThat(values).as("the values file holds no secret").doesNotContain(token);
        assertThat(commands).containsExactly(
                "kubectl create namespace outpost-installed-edge --dry-run=client -o yaml | kubectl apply -f -",
                "kubectl --namespace outpost-installed-edge create secret generic outpost-edge-token "
                        + "--from-literal=token='" + token + "' --dry-run=client -o yaml | kubectl apply -f -",
                "helm upgrade --install installed-edge oci://ghcr.io/outpost-dev/charts/outpost-edge "
                        + "--namespace outpost-installed-edge --create-namespace -f installed-edge-values.yaml");

        assertThatThrownBy(() -> render(values, release, namespace))
                .as("as generated, the chart asks for the values that are the customer's")
                .hasMessageContaining("aws.region is required").hasMessageContaining("buckets.results is required");

        String filledIn = values.replace("region: \"\"", "region: \"eu-west-1\"")
                .replace("results: \"\"", "results: \"acme-results\"")
                .replace("keyId: \"\"", "keyId: \"alias/outpost\"");
        List<Map<String, Object>> objects = render(filledIn, release, namespace);

        Map<String, Object> settings = object(objects, "ConfigMap", release + "-outpost-edge");
        assertThat(map(settings, "data")).containsEntry("OUTPOST_EDGE_ID", edgeId);
        Map<String, Object> planeManager = object(objects, "Deployment", release + "-outpost-edge-plane-manager");
        Map<String, Object> container = only(list(map(map(map(planeManager, "spec"), "template"), "spec"),
                "containers"));
        Map<String, Map<String, Object>> env = new java.util.LinkedHashMap<>();
        list(container, "env").forEach(e -> env.put((String) e.get("name"), e));
        assertThat(env.get("QUARKUS_GRPC_CLIENTS_CONTROL_HOST")).containsEntry("value",
                ControlApiTestProfile.PUBLIC_ENDPOINT);
        assertThat(env.get("QUARKUS_GRPC_CLIENTS_CONTROL_PORT")).containsEntry("value", "8443");
        assertThat(map(map(env.get("OUTPOST_EDGE_TOKEN"), "valueFrom"), "secretKeyRef"))
                .containsEntry("name", "outpost-edge-token").containsEntry("key", "token");
        assertThat(env).containsKey("OUTPOST_EDGE_CONTROL_PLANE_CA");
        assertThat(objects).as("the token Secret comes from the commands, not the chart")
                .noneMatch(o -> "Secret".equals(o.get("kind")));
        String servedCa = Files.readString(TlsTestResource.files().caCertificate()).strip();
        assertThat(objects).filteredOn(o -> "ConfigMap".equals(o.get("kind")))
                .anyMatch(o -> servedCa.equals(Objects.toString(map(o, "data").get("control-plane-ca.crt"), "").strip()));
    }

    @Test
    void grpcReturnsTheSameInstallOnce() {
        var created = EdgeServiceGrpc.newBlockingStub(api)
                .createEdge(CreateEdgeRequest.newBuilder().setName("grpc-installed-edge").build());
        assertThat(created.getInstall().getRelease()).isEqualTo("grpc-installed-edge");
        assertThat(created.getInstall().getSecretName()).isEqualTo("outpost-edge-token");
        assertThat(created.getInstall().getValuesYaml()).contains("id: \"" + created.getEdge().getId() + "\"")
                .doesNotContain(created.getToken());
        assertThat(created.getInstall().getCommandsList()).hasSize(3).last().asString()
                .startsWith("helm upgrade --install grpc-installed-edge ");
        assertThat(created.getInstall().getValuesFileName()).isEqualTo("grpc-installed-edge-values.yaml");
    }

    private static List<Map<String, Object>> render(String values, String release, String namespace)
            throws IOException {
        Path file = Files.createTempFile("generated-values", ".yaml");
        try {
            Files.writeString(file, values);
            String rendered = new Helm(CHART).template().withName(release).withNamespace(namespace)
                    .withKubeVersion("1.31.0").withValuesFile(file).call();
            List<Map<String, Object>> objects = new ArrayList<>();
            for (Object document : new Yaml().loadAll(rendered)) {
                if (document instanceof Map<?, ?> object) {
                    objects.add(cast(object));
                }
            }
            return objects;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static Map<String, Object> object(List<Map<String, Object>> objects, String kind, String name) {
        var matches = objects.stream()
                .filter(o -> kind.equals(o.get("kind")) && name.equals(map(o, "metadata").get("name"))).toList();
        assertThat(matches).as("%s %s", kind, name).hasSize(1);
        return matches.get(0);
    }

    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        return cast(parent.get(key));
    }

    private static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
        return cast(parent.get(key));
    }

    private static <T> T only(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
