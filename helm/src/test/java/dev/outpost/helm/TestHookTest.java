package dev.outpost.helm;

import static dev.outpost.helm.RenderedChart.FULLNAME;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The `helm test` hook: passes only when the plane-manager replica holding the leader Lease is Ready (the leader is
 * Ready only while linked to control-api; a standby is Ready too), without opening any ingress.
 *
 * <p>The hook's shell script runs here for real against a stand-in for the Kubernetes API server (none can run in
 * these tests): a {@code curl} on the PATH that answers from files, one per API path.
 */
class TestHookTest {

    static final RenderedChart CHART = RenderedChart.render();
    static final String LEASE = FULLNAME + "-leader";
    static final String LEASE_PATH = "/apis/coordination.k8s.io/v1/namespaces/outpost/leases/" + LEASE;
    static final String LEADER = FULLNAME + "-plane-manager-6d8f9c7b5-x2kqp";
    static final String STANDBY = FULLNAME + "-plane-manager-6d8f9c7b5-m7rzt";

    @TempDir
    Path dir;
    Path api;

    @Test
    void isAHelmTestHook() throws IOException {
        var source = Files.readString(RenderedChart.CHART.resolve("templates/tests/test-connection.yaml"));
        assertThat(source).contains("helm.sh/hook: test").contains("helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded");
    }

    @Test
    void readsThePlaneManagerLeaseAndItsHoldersPodThroughTheKubernetesApi() {
        var pod = CHART.one(Pod.class, FULLNAME + "-test-connection");
        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getSpec().getServiceAccountName()).isEqualTo(FULLNAME);
        assertThat(pod.getSpec().getAutomountServiceAccountToken()).isTrue();
        var container = RenderedChart.only(pod.getSpec());
        var planeManager = RenderedChart.only(CHART.deployment("plane-manager").getSpec().getTemplate().getSpec());
        var planeManagerEnv = CHART.env(planeManager);
        // The Lease plane-manager elects its leader with, whose holder is the leader's pod name.
        assertThat(CHART.env(container)).containsEntry("LEASE", LEASE);
        assertThat(planeManagerEnv).containsEntry("OUTPOST_LAUNCHER_KUBERNETES_LEADER_ELECTION_LEASE_NAME", LEASE)
                .containsEntry("OUTPOST_LAUNCHER_KUBERNETES_LEADER_ELECTION_IDENTITY", "field:metadata.name");
        assertThat(script(container)).contains("/apis/coordination.k8s.io/v1/namespaces/$NAMESPACE/leases/$LEASE")
                .contains("/api/v1/namespaces/$NAMESPACE/pods/$leader").contains("holderIdentity")
                .doesNotContain("labelSelector");
        assertThat(planeManager.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        // The Role bound to the ServiceAccount the test pod runs as lets it get leases and pods, nothing more is added.
        var rules = CHART.one(Role.class, FULLNAME).getRules();
        assertThat(rules).anySatisfy(r -> {
            assertThat(r.getApiGroups()).containsExactly("coordination.k8s.io");
            assertThat(r.getResources()).containsExactly("leases");
            assertThat(r.getVerbs()).contains("get");
        }).anySatisfy(r -> {
            assertThat(r.getApiGroups()).containsExactly("");
            assertThat(r.getResources()).contains("pods");
            assertThat(r.getVerbs()).contains("get");
        });
        // The NetworkPolicy (no ingress) does not select the test pod, and the test pod needs no ingress either.
        var selector = CHART.one(NetworkPolicy.class, FULLNAME).getSpec().getPodSelector();
        assertThat(selector.getMatchExpressions().get(0).getValues())
                .doesNotContain(pod.getMetadata().getLabels().get("app.kubernetes.io/component"));
    }

    @BeforeEach
    void fakeApiServer() throws IOException {
        api = Files.createDirectories(dir.resolve("api"));
        var bin = Files.createDirectories(dir.resolve("bin"));
        var curl = bin.resolve("curl");
        Files.writeString(curl, """
                #!/bin/sh
                # Stand-in for the Kubernetes API server: the body is $FAKE_API<path>, the status <path>.status or 200.
                out=; url=
                while [ $# -gt 0 ]; do
                  case "$1" in -o) out=$2; shift ;; https://*) url=$1 ;; esac
                  shift
                done
                file="$FAKE_API${url#https://kubernetes.default.svc}"
                if [ -f "$file.status" ]; then echo '{"kind":"Status"}' >"$out"; cat "$file.status"
                elif [ -f "$file" ]; then cp "$file" "$out"; printf 200
                else echo '{"kind":"Status","code":404}' >"$out"; printf 404
                fi
                """);
        Files.setPosixFilePermissions(curl, PosixFilePermissions.fromString("rwx------"));
        var account = Files.createDirectories(dir.resolve("serviceaccount"));
        Files.writeString(account.resolve("token"), "test-token");
        Files.writeString(account.resolve("ca.crt"), "test-ca");
    }

    @Test
    void passesWhenTheLeaseHoldersPodIsReady() throws Exception {
        serve(LEASE_PATH, lease(LEADER));
        serve(podPath(LEADER), pod(LEADER, true));
        var run = runHook();
        assertThat(run.exitCode).as(run.output).isZero();
        assertThat(run.output).contains("plane-manager leader " + LEADER + " is Ready: the edge is linked to control-api");
    }

    @Test
    void failsWhenOnlyAStandbyIsReadyAndTheLeaderIsNotLinked() throws Exception {
        serve(LEASE_PATH, lease(LEADER));
        serve(podPath(LEADER), pod(LEADER, false));
        serve(podPath(STANDBY), pod(STANDBY, true));
        var run = runHook();
        assertThat(run.exitCode).as(run.output).isEqualTo(1);
        assertThat(run.output).contains("waiting: plane-manager leader " + LEADER + " is not Ready: not linked to control-api yet (attempt 1/2)")
                .contains("the edge is not linked after 2 checks 0 s apart")
                .contains("kubectl -n outpost logs " + LEADER)
                .doesNotContain(STANDBY);
    }

    @Test
    void waitsForALeaderAndPassesOnceOneIsReady() throws Exception {
        serve(LEASE_PATH, lease(null));
        var run = runHook();
        assertThat(run.exitCode).as(run.output).isEqualTo(1);
        assertThat(run.output).contains("waiting: Lease " + LEASE + " has no holder: no plane-manager replica leads (attempt 1/2)");

        Files.delete(api.resolve(LEASE_PATH.substring(1)));
        run = runHook();
        assertThat(run.exitCode).as(run.output).isEqualTo(1);
        assertThat(run.output).contains("Lease " + LEASE + " does not exist yet: no plane-manager replica has been elected leader")
                .contains("kubectl -n outpost logs -l app.kubernetes.io/instance=acme,app.kubernetes.io/component=plane-manager");

        serve(LEASE_PATH, lease(STANDBY));
        run = runHook();
        assertThat(run.output).contains("the Lease names " + STANDBY + ", which no longer exists");
        serve(podPath(STANDBY), pod(STANDBY, true));
        assertThat(runHook().exitCode).isZero();
    }

    @Test
    void stopsAtOnceWhenTheRoleDoesNotAllowReadingTheLease() throws Exception {
        serve(LEASE_PATH + ".status", "403");
        var run = runHook();
        assertThat(run.exitCode).as(run.output).isEqualTo(1);
        assertThat(run.output).contains("the test pod may not read Lease " + LEASE + " (HTTP 403)")
                .contains("needs get on coordination.k8s.io leases and on pods").doesNotContain("waiting");
    }

    record Run(int exitCode, String output) {}

    /** The rendered hook's script, run as the pod would, with two checks and no wait between them. */
    Run runHook() throws Exception {
        var container = RenderedChart.only(CHART.one(Pod.class, FULLNAME + "-test-connection").getSpec());
        assertThat(container.getCommand()).containsExactly("/bin/sh", "-ec");
        var script = script(container).replace("/var/run/secrets/kubernetes.io/serviceaccount", dir.resolve("serviceaccount").toString())
                .replace("/tmp/body", dir.resolve("body").toString());
        var process = new ProcessBuilder("/bin/sh", "-ec", script).redirectErrorStream(true).directory(dir.toFile());
        var env = process.environment();
        env.putAll(Map.of("NAMESPACE", "outpost", "ATTEMPTS", "2", "INTERVAL_SECONDS", "0",
                "FAKE_API", api.toString(), "PATH", dir.resolve("bin") + ":" + env.get("PATH")));
        CHART.env(container).forEach((name, value) -> env.putIfAbsent(name, value));
        var started = process.start();
        assertThat(started.waitFor(30, TimeUnit.SECONDS)).as("the hook script ends").isTrue();
        return new Run(started.exitValue(), new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    static String script(Container container) {
        return String.join("\n", container.getArgs());
    }

    void serve(String path, String body) {
        try {
            var file = api.resolve(path.substring(1));
            Files.createDirectories(file.getParent());
            Files.writeString(file, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String podPath(String name) {
        return "/api/v1/namespaces/outpost/pods/" + name;
    }

    /** A Lease as the API server returns it (pretty-printed), with or without a holder. */
    static String lease(String holder) {
        return """
                {
                  "apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
                  "metadata": {"name": "%s", "namespace": "outpost",
                    "managedFields": [{"manager": "fabric8", "fieldsV1": {"f:spec": {"f:holderIdentity": {}}}}]},
                  "spec": {%s"leaseDurationSeconds": 15, "renewTime": "2026-11-22T02:40:00.000000Z"}
                }
                """.formatted(LEASE, holder == null ? "" : "\"holderIdentity\": \"" + holder + "\", ");
    }

    /** A plane-manager pod whose containers are all running; Ready only when its readiness probe passes. */
    static String pod(String name, boolean ready) {
        var status = ready ? "True" : "False";
        return """
                {"kind":"Pod","metadata":{"name":"%s","namespace":"outpost","managedFields":[{"fieldsV1":{"f:status":{"f:conditions":{"k:{\\"type\\":\\"Ready\\"}":{".":{}}}}}}]},
                 "status":{"phase":"Running","conditions":[
                  {"type":"Initialized","status":"True"},
                  {"type":"Ready","status":"%s","lastProbeTime":null},
                  {"type":"ContainersReady","status":"%s"},
                  {"type":"PodScheduled","status":"True"}],
                 "containerStatuses":[{"name":"plane-manager","ready":%s,"started":true}]}}
                """.formatted(name, status, status, ready);
    }
}
