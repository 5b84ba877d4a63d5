package dev.outpost.planemanager.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.outpost.planemanager.launch.RunnerFailure;
import dev.outpost.planemanager.launch.RunnerLaunchException;
import dev.outpost.planemanager.launch.RunningRunner;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;

/**
 * The launcher against fabric8's mock Kubernetes server in CRUD mode: no Kubernetes API server (and no Job
 * controller or kubelet) exists here, so the test plays the cluster's part by writing Job and pod statuses.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesJobLauncherTest {

    private static final String NS = "outpost";
    private static final String TEMPLATE = """
            metadata:
              labels:
                app.kubernetes.io/name: job-runner
            spec:
              serviceAccountName: outpost-job-runner
              restartPolicy: OnFailure
              containers:
                - name: job-runner
                  image: registry.example.com/outpost/job-runner:1.2.3
                  resources:
                    limits:
                      memory: 2Gi
            """;

    KubernetesClient client;
    KubernetesMockServer server;

    @TempDir
    Path dir;

    private KubernetesJobLauncher launcher;

    @BeforeEach
    void templateOnDisk() throws Exception {
        Files.writeString(dir.resolve("job-pod-template.yaml"), TEMPLATE);
        launcher = launcher(Duration.ZERO);
    }

    @AfterEach
    void closeLauncher() {
        launcher.close();
    }

    private KubernetesJobLauncher launcher(Duration startTimeout) {
        return new KubernetesJobLauncher(client, new KubernetesJobLauncher.Settings(
                dir.resolve("job-pod-template.yaml"), NS, 600, Optional.of(Duration.ofHours(2)), startTimeout));
    }

    @Test
    void aLaunchedJobHasTheTemplatesPodAndOutpostsJobSettings() {
        RunningRunner runner = launcher.launch();

        assertThat(runner.name()).matches("outpost-job-runner-[a-z0-9]{8}");
        Job job = job(runner);
        assertThat(job.getMetadata().getLabels()).containsEntry("app.kubernetes.io/part-of", "outpost")
                .containsEntry("outpost.dev/component", "job-runner")
                .containsEntry("outpost.dev/runner", runner.name());
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(600);
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(7200);
        var pod = job.getSpec().getTemplate();
        assertThat(pod.getMetadata().getLabels()).containsEntry("app.kubernetes.io/name", "job-runner")
                .containsEntry("outpost.dev/component", "job-runner")
                .containsEntry("outpost.dev/runner", runner.name());
        assertThat(pod.getSpec().getRestartPolicy()).as("retries belong to the queue").isEqualTo("Never");
        assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("outpost-job-runner");
        assertThat(pod.getSpec().getContainers()).singleElement().satisfies(c -> {
            assertThat(c.getImage()).isEqualTo("registry.example.com/outpost/job-runner:1.2.3");
            assertThat(c.getResources().getLimits()).containsEntry("memory", new Quantity("2Gi"));
        });
        assertThat(runner.exit()).isNotDone();
    }

    @Test
    void aPodTemplateObjectIsReadAsWell() throws Exception {
        Files.writeString(dir.resolve("job-pod-template.yaml"), """
                apiVersion: v1
                kind: PodTemplate
                metadata:
                  name: job-runner
                template:
                """ + TEMPLATE.indent(2));
        RunningRunner runner = launcher.launch();
        assertThat(job(runner).getSpec().getTemplate().getSpec().getServiceAccountName())
                .isEqualTo("outpost-job-runner");
    }

    @Test
    void aMissingTemplateIsAReasonNotACrash() throws Exception {
        Files.delete(dir.resolve("job-pod-template.yaml"));
        assertThatThrownBy(launcher::launch).isInstanceOfSatisfying(RunnerLaunchException.class, e -> {
            assertThat(e.failure().code()).isEqualTo("RUNNER_INVALID_TEMPLATE");
            assertThat(e.failure().reason()).contains("job-pod-template.yaml", "Helm chart");
        });
    }

    @Test
    void exitIsZeroWhenTheJobSucceeds() throws Exception {
        RunningRunner runner = launcher.launch();
        setJobStatus(runner, "Complete", null, 1, 0);
        assertThat(runner.exit().get(10, TimeUnit.SECONDS)).isZero();
        assertThat(runner.failure()).isEmpty();
    }

    @Test
    void exitIsNonZeroWhenTheJobFails() throws Exception {
        RunningRunner runner = launcher.launch();
        setJobStatus(runner, "Failed", "BackoffLimitExceeded", 0, 1);
        assertThat(runner.exit().get(10, TimeUnit.SECONDS)).isNotZero();
        assertThat(runner.failure()).hasValueSatisfying(f -> {
            assertThat(f.code()).isEqualTo("RUNNER_FAILED");
            assertThat(f.reason()).contains("kubectl logs job/" + runner.name());
            assertThat(f.jobTaken()).isTrue();
        });
    }

    @Test
    void anOomKilledRunnerSaysItRanOutOfMemory() throws Exception {
        RunningRunner runner = launcher.launch();
        createPod(runner, new PodBuilder().editOrNewStatus().withPhase("Failed")
                .addToContainerStatuses(new ContainerStatusBuilder().withName("job-runner")
                        .withNewState().withNewTerminated().withReason("OOMKilled").withExitCode(137).endTerminated()
                        .endState().build())
                .endStatus());
        setJobStatus(runner, "Failed", "BackoffLimitExceeded", 0, 1);

        assertThat(runner.exit().get(10, TimeUnit.SECONDS)).isEqualTo(137);
        assertThat(runner.failure()).hasValueSatisfying(f -> {
            assertThat(f.code()).isEqualTo("RUNNER_OUT_OF_MEMORY");
            assertThat(f.reason()).contains("more memory than its limit (limit 2Gi)", "larger tier");
            assertThat(f.jobTaken()).as("it ran, so it may have taken its job").isTrue();
        });
    }

    @Test
    void aRunnerPastItsDeadlineSaysSo() throws Exception {
        RunningRunner runner = launcher.launch();
        setJobStatus(runner, "Failed", "DeadlineExceeded", 0, 1);
        assertThat(runner.exit().get(10, TimeUnit.SECONDS)).isNotZero();
        assertThat(runner.failure()).map(RunnerFailure::code).hasValue("RUNNER_DEADLINE_EXCEEDED");
    }

    @Test
    void anImageThatDoesNotPullFailsTheRunnerAndDeletesItsJob() throws Exception {
        RunningRunner runner = launcher.launch();
        createPod(runner, new PodBuilder().editOrNewStatus().withPhase("Pending")
                .addToContainerStatuses(new ContainerStatusBuilder().withName("job-runner")
                        .withImage("registry.example.com/outpost/job-runner:1.2.3")
                        .withNewState().withNewWaiting().withReason("ImagePullBackOff")
                        .withMessage("Back-off pulling image").endWaiting().endState().build())
                .endStatus());

        assertThat(runner.exit().get(10, TimeUnit.SECONDS)).isNotZero();
        assertThat(runner.failure()).hasValueSatisfying(f -> {
            assertThat(f.code()).isEqualTo("RUNNER_IMAGE_PULL");
            assertThat(f.reason()).contains("registry.example.com/outpost/job-runner:1.2.3", "ImagePullBackOff",
                    "pull secrets");
            assertThat(f.jobTaken()).as("it never started").isFalse();
            assertThat(f.capacity()).isFalse();
        });
        awaitJobGone(runner);
    }

    @Test
    void anUnschedulablePodSaysNoNodeFits() throws Exception {
        RunningRunner runner = launcher.launch();
        createPod(runner, new PodBuilder().editOrNewStatus().withPhase("Pending")
                .addToConditions(new PodConditionBuilder().withType("PodScheduled").withStatus("False")
                        .withReason("Unschedulable")
                        .withMessage("0/3 nodes are available: 3 Insufficient memory.").build())
                .endStatus());

        assertThat(runner.exit().get(10, TimeUnit.SECONDS)).isNotZero();
        assertThat(runner.failure()).hasValueSatisfying(f -> {
            assertThat(f.code()).isEqualTo("RUNNER_UNSCHEDULABLE");
            assertThat(f.reason()).contains("No node can run", "Insufficient memory", "smaller tier");
            assertThat(f.capacity()).isTrue();
            assertThat(f.jobTaken()).isFalse();
        });
    }

    @Test
    void aRunnerThatCannotStartIsGivenTheStartTimeoutToRecover() throws Exception {
        launcher.close();
        launcher = launcher(Duration.ofSeconds(2));
        RunningRunner runner = launcher.launch();
        Pod pod = createPod(runner, new PodBuilder().editOrNewStatus().withPhase("Pending")
                .addToContainerStatuses(new ContainerStatusBuilder().withName("job-runner")
                        .withNewState().withNewWaiting().withReason("ErrImagePull").endWaiting().endState().build())
                .endStatus());
        Thread.sleep(500);
        assertThat(runner.exit()).as("still within the start timeout").isNotDone();

        // The registry recovered: the container runs before the timeout, and the runner is kept.
        client.pods().inNamespace(NS).resource(new PodBuilder(pod).editStatus().withPhase("Running")
                .withContainerStatuses(new ContainerStatusBuilder().withName("job-runner")
                        .withNewState().withNewRunning().endRunning().endState().build())
                .endStatus().build()).update();
        Thread.sleep(2500);
        assertThat(runner.exit()).isNotDone();
        assertThat(client.batch().v1().jobs().inNamespace(NS).withName(runner.name()).get()).isNotNull();
    }

    @Test
    void aQuotaThatRejectsTheJobIsAReasonAboutCapacity() {
        server.expect().post().withPath("/apis/batch/v1/namespaces/" + NS + "/jobs")
                .andReturn(403, new StatusBuilder().withStatus("Failure").withCode(403).withReason("Forbidden")
                        .withMessage("jobs.batch \"outpost-job-runner-x\" is forbidden: exceeded quota: outpost-jobs, "
                                + "requested: count/jobs.batch=1, used: count/jobs.batch=4, limited: count/jobs.batch=4")
                        .build())
                .once();

        assertThatThrownBy(launcher::launch).isInstanceOfSatisfying(RunnerLaunchException.class, e -> {
            assertThat(e.failure().code()).isEqualTo("RUNNER_QUOTA_EXCEEDED");
            assertThat(e.failure().reason()).contains("ResourceQuota in namespace outpost", "count/jobs.batch=4",
                    "max-concurrent-runners");
            assertThat(e.failure().capacity()).isTrue();
            assertThat(e.failure().jobTaken()).isFalse();
        });
    }

    @Test
    void aQuotaThatBlocksTheJobsPodsIsAReasonAboutCapacity() throws Exception {
        RunningRunner runner = launcher.launch();
        client.v1().events().inNamespace(NS).resource(new EventBuilder()
                .withNewMetadata().withName(runner.name() + ".1").withNamespace(NS).endMetadata()
                .withNewInvolvedObject().withKind("Job").withName(runner.name()).withNamespace(NS).endInvolvedObject()
                .withReason("FailedCreate").withType("Warning")
                .withMessage("Error creating: pods \"" + runner.name() + "-abcde\" is forbidden: exceeded quota: "
                        + "compute, requested: limits.memory=2Gi, used: limits.memory=7Gi, limited: limits.memory=8Gi")
                .build()).create();

        assertThat(runner.exit().get(10, TimeUnit.SECONDS)).isNotZero();
        assertThat(runner.failure()).hasValueSatisfying(f -> {
            assertThat(f.code()).isEqualTo("RUNNER_QUOTA_EXCEEDED");
            assertThat(f.reason()).contains("limits.memory=8Gi");
        });
    }

    @Test
    void anotherJobsEventsAreNotThisRunnersBusiness() throws Exception {
        RunningRunner runner = launcher.launch();
        client.v1().events().inNamespace(NS).resource(new EventBuilder()
                .withNewMetadata().withName("other.1").withNamespace(NS).endMetadata()
                .withNewInvolvedObject().withKind("Job").withName("other").withNamespace(NS).endInvolvedObject()
                .withReason("FailedCreate").withMessage("exceeded quota").build()).create();
        Thread.sleep(500);
        assertThat(runner.exit()).isNotDone();
    }

    @Test
    void aRunnerWhoseEndTheWatchMissedIsEndedByTheResync() throws Exception {
        RunningRunner runner = launcher.launch();
        launcher.resync();
        assertThat(runner.exit()).as("its Job still runs").isNotDone();

        setJobStatus(runner, "Complete", null, 1, 0);
        launcher.resync(); // whether the watch or the resync sees it first, it ends once, with 0
        assertThat(runner.exit().get(10, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void stopDeletesTheJob() throws Exception {
        RunningRunner runner = launcher.launch();
        runner.stop();
        assertThat(runner.exit().get(10, TimeUnit.SECONDS)).isEqualTo(143);
        awaitJobGone(runner);
    }

    private Job job(RunningRunner runner) {
        Job job = client.batch().v1().jobs().inNamespace(NS).withName(runner.name()).get();
        assertThat(job).as("Job %s", runner.name()).isNotNull();
        return job;
    }

    private void setJobStatus(RunningRunner runner, String condition, String reason, int succeeded, int failed) {
        Job job = job(runner);
        job.setStatus(new io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder()
                .withSucceeded(succeeded).withFailed(failed)
                .addToConditions(new JobConditionBuilder().withType(condition).withStatus("True").withReason(reason)
                        .build())
                .build());
        client.batch().v1().jobs().inNamespace(NS).resource(job).updateStatus();
    }

    private Pod createPod(RunningRunner runner, PodBuilder pod) {
        return client.pods().inNamespace(NS).resource(pod
                .editOrNewMetadata().withName(runner.name() + "-abcde").withNamespace(NS)
                .withLabels(Map.of("outpost.dev/runner", runner.name(), "batch.kubernetes.io/job-name", runner.name()))
                .endMetadata()
                .editOrNewSpec().withRestartPolicy("Never").addNewContainer().withName("job-runner")
                .withImage("registry.example.com/outpost/job-runner:1.2.3").withNewResources()
                .addToLimits("memory", new Quantity("2Gi")).endResources().endContainer().endSpec()
                .build()).create();
    }

    private void awaitJobGone(RunningRunner runner) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (client.batch().v1().jobs().inNamespace(NS).withName(runner.name()).get() != null) {
            assertThat(System.nanoTime()).as("Job %s deleted", runner.name()).isLessThan(deadline);
            Thread.sleep(50);
        }
        assertThat(client.batch().v1().jobs().inNamespace(NS).list().getItems())
                .extracting(j -> j.getMetadata().getName()).doesNotContain(runner.name());
        assertThat(List.of()).isEmpty();
    }
}
