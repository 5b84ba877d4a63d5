package dev.outpost.planemanager.kubernetes;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import dev.outpost.planemanager.launch.RunnerFailure;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;

/** Reads a job-runner's Job and pods: did it end, and why did it fail or not start, in words a person can act on. */
final class JobOutcome {

    enum Outcome { RUNNING, SUCCEEDED, FAILED }

    private static final Set<String> IMAGE_PULL = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName",
            "ErrImageNeverPull");
    private static final Set<String> BAD_CONFIG = Set.of("CreateContainerConfigError", "CreateContainerError");

    private JobOutcome() {
    }

    static Outcome of(Job job) {
        var status = job.getStatus();
        if (status == null) {
            return Outcome.RUNNING;
        }
        if (condition(job, "Complete").isPresent() || count(status.getSucceeded()) > 0) {
            return Outcome.SUCCEEDED;
        }
        if (condition(job, "Failed").isPresent() || count(status.getFailed()) > 0) {
            return Outcome.FAILED;
        }
        return Outcome.RUNNING;
    }

    /** Why a failed Job failed, from its condition and its pods' container states. */
    static RunnerFailure failure(Job job, List<Pod> pods) {
        String name = job.getMetadata().getName();
        Optional<ContainerStateTerminated> terminated = terminated(pods);
        if (terminated.isPresent() && "OOMKilled".equals(terminated.get().getReason())) {
            String limit = pods.stream()
                    .flatMap(p -> p.getSpec() == null ? Stream.empty() : p.getSpec().getContainers().stream())
                    .filter(c -> c.getResources() != null && c.getResources().getLimits() != null
                            && c.getResources().getLimits().containsKey("memory"))
                    .map(c -> " (limit " + c.getResources().getLimits().get("memory") + ")")
                    .findFirst().orElse("");
            return RunnerFailure.afterStart("RUNNER_OUT_OF_MEMORY", "The job-runner (Job " + name + ") was killed "
                    + "for using more memory than its limit" + limit + ". Choose a larger tier or raise the "
                    + "job-runner's memory in the chart values, or check a smaller part of the data.");
        }
        Optional<JobCondition> failed = condition(job, "Failed");
        if (failed.isPresent() && "DeadlineExceeded".equals(failed.get().getReason())) {
            return RunnerFailure.afterStart("RUNNER_DEADLINE_EXCEEDED", "The job-runner (Job " + name + ") ran "
                    + "longer than its deadline (outpost.launcher.kubernetes.active-deadline) and was stopped. "
                    + "Raise the deadline or check a smaller part of the data.");
        }
        String detail = terminated.map(t -> "exit code " + t.getExitCode()
                        + (t.getReason() == null ? "" : ", " + t.getReason()))
                .or(() -> failed.map(c -> c.getReason() + ": " + c.getMessage()))
                .orElse("no reason given");
        return RunnerFailure.afterStart("RUNNER_FAILED", "The job-runner (Job " + name + ") failed (" + detail
                + "). Its log: kubectl logs job/" + name + ".");
    }

    /** The exit code of the runner's terminated container, if it ran. */
    static Optional<Integer> exitCode(List<Pod> pods) {
        return terminated(pods).map(ContainerStateTerminated::getExitCode).filter(code -> code != 0);
    }

    /** Why the pod cannot start, if it is stuck: its image does not pull, no node fits it, its config is missing. */
    static Optional<RunnerFailure> cannotStart(Pod pod) {
        String name = pod.getMetadata().getName();
        for (ContainerStatus status : containerStatuses(pod)) {
            var waiting = status.getState() == null ? null : status.getState().getWaiting();
            if (waiting == null) {
                continue;
            }
            if (IMAGE_PULL.contains(waiting.getReason())) {
                return Optional.of(RunnerFailure.beforeStart("RUNNER_IMAGE_PULL", "The job-runner image "
                        + status.getImage() + " cannot be pulled (" + waiting.getReason()
                        + message(waiting.getMessage()) + "). Check the image registry, repository, tag and pull "
                        + "secrets in the chart values, and that the cluster can reach the registry."));
            }
            if (BAD_CONFIG.contains(waiting.getReason())) {
                return Optional.of(RunnerFailure.beforeStart("RUNNER_INVALID_CONFIG", "The job-runner container "
                        + "cannot be created (" + waiting.getReason() + message(waiting.getMessage()) + "). Check "
                        + "the Secrets and ConfigMaps that the chart values refer to."));
            }
        }
        if (pod.getStatus() != null && pod.getStatus().getConditions() != null) {
            for (var condition : pod.getStatus().getConditions()) {
                if ("PodScheduled".equals(condition.getType()) && "False".equals(condition.getStatus())
                        && "Unschedulable".equals(condition.getReason())) {
                    return Optional.of(RunnerFailure.noCapacity("RUNNER_UNSCHEDULABLE", "No node can run the "
                            + "job-runner pod " + name + message(condition.getMessage()) + ". Choose a smaller tier, "
                            + "add nodes, or check the job pods' nodeSelector, tolerations and affinity in the chart "
                            + "values."));
                }
            }
        }
        return Optional.empty();
    }

    /** A container of the pod runs or ran: the runner started. */
    static boolean started(Pod pod) {
        return containerStatuses(pod).stream().anyMatch(s -> s.getState() != null
                && (s.getState().getRunning() != null || s.getState().getTerminated() != null));
    }

    private static List<ContainerStatus> containerStatuses(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return List.of();
        }
        return pod.getStatus().getContainerStatuses();
    }

    private static Optional<ContainerStateTerminated> terminated(List<Pod> pods) {
        return pods.stream()
                .flatMap(p -> containerStatuses(p).stream())
                .map(s -> s.getState() == null ? null : s.getState().getTerminated())
                .filter(t -> t != null)
                .filter(t -> t.getExitCode() == null || t.getExitCode() != 0 || "OOMKilled".equals(t.getReason()))
                .findFirst();
    }

    private static Optional<JobCondition> condition(Job job, String type) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return job.getStatus().getConditions().stream()
                .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
                .findFirst();
    }

    private static int count(Integer value) {
        return value == null ? 0 : value;
    }

    private static String message(String message) {
        if (message == null || message.isBlank()) {
            return "";
        }
        String trimmed = message.strip();
        return ": " + (trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed);
    }
}
